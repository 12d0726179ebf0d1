// Ice micro-benchmarks: decoding a realistic reply (IAdmin.getEventContext: an
// omero::sys::EventContext with RType and Permissions instances, encoding 1.0), and the
// per-call overhead of a tiny twoway call on loopback: to an in-process peer (our stack on both
// ends), and to the Python ZeroC Ice servant of the interop tests per transport, directly and
// through a real glacier2router.
import { Connection } from "../src/ice/connection.ts";
import { connect } from "../src/ice/connector.ts";
import { Glacier2Router } from "../src/ice/glacier2.ts";
import type { InputStream } from "../src/ice/input-stream.ts";
import {
  decodeReply,
  decodeRequest,
  encodeReply,
  MessageFramer,
  MessageType,
  validateConnectionMessage,
} from "../src/ice/message.ts";
import { OutputStream } from "../src/ice/output-stream.ts";
import { parseProxy } from "../tests/ice/proxy-string.ts";
import { Encoding_1_0, OperationMode } from "../src/ice/types.ts";
import { IceValue, TypeRegistry } from "../src/ice/values.ts";
import { MODEL, RTYPES, SYS } from "../src/omero/declarations.ts";
import { startInteropServers } from "../tests/ice/interop/harness.ts";
import type { Row } from "./report.ts";
import { summarize } from "./stats.ts";
import { acceptAnyPeer } from "../tests/fixtures/accepting-trust.ts";

const DECODES = 100_000;
const DECODE_BATCH = 5_000;
const CALL_WARMUP = 200;

const registry = new TypeRegistry().defineClass(...RTYPES, ...MODEL, ...SYS);

function eventContextReply(): Uint8Array {
  const permissions = new IceValue("::omero::model::Permissions", {
    restrictions: [false, false, false, false, false, false],
    extendedRestrictions: [],
    perm1: -120n,
  });
  const context = new IceValue("::omero::sys::EventContext", {
    shareId: -1n,
    sessionId: 123456n,
    sessionUuid: "2f0c5e4a-0a1b-4c1d-9d7e-3b4f5a6b7c8d",
    userId: 52n,
    userName: "alice",
    sudoerId: new IceValue("::omero::RLong", { val: 0n }),
    sudoerName: new IceValue("::omero::RString", { val: "root" }),
    groupId: 3n,
    groupName: "lab-microscopy",
    isAdmin: false,
    adminPrivileges: [],
    eventId: 987654n,
    eventType: "User",
    memberOfGroups: [1n, 3n, 7n, 12n],
    leaderOfGroups: [3n],
    groupPermissions: permissions,
  });
  const out = new OutputStream({ registry });
  out.startEncapsulation(Encoding_1_0);
  out.writeValue(context);
  out.writePendingValues();
  out.endEncapsulation();
  return encodeReply(1, { status: 0, encapsulation: out.finished() });
}

/** Microseconds per decode, one sample per batch of DECODE_BATCH decodes. */
function benchDecode(): Row {
  const message = eventContextReply();
  const decodeOnce = () => {
    const framer = new MessageFramer();
    framer.push(message);
    const reply = decodeReply(framer.next()!.body, registry);
    if (!("params" in reply)) throw new Error("unexpected reply status");
    const value = reply.params.readValue();
    reply.params.readPendingValues();
    reply.params.endEncapsulation();
    return value;
  };
  for (let i = 0; i < DECODE_BATCH; i++) decodeOnce();
  const perDecode: number[] = [];
  for (let done = 0; done < DECODES; done += DECODE_BATCH) {
    const start = performance.now();
    for (let i = 0; i < DECODE_BATCH; i++) decodeOnce();
    perDecode.push((performance.now() - start) * 1000 / DECODE_BATCH);
  }
  return {
    name: `decode EventContext reply (${message.length} B) ×${DECODES / 1000}k`,
    unit: "µs",
    ours: summarize(perDecode),
  };
}

/** An in-process Ice peer that answers every request with an empty reply. */
function startPeer(): { port: number; stop(): Promise<void> } {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const empty = new OutputStream();
  empty.writeEmptyEncapsulation(Encoding_1_0);
  const serving = (async () => {
    for await (const conn of listener) {
      await conn.write(validateConnectionMessage);
      const framer = new MessageFramer();
      const buf = new Uint8Array(65536);
      let open = true;
      while (open) {
        const n = await conn.read(buf);
        if (n === null) break;
        framer.push(buf.slice(0, n));
        for (let m = framer.next(); m; m = framer.next()) {
          if (m.header.type === MessageType.CloseConnection) open = false;
          if (m.header.type !== MessageType.Request) continue;
          const { requestId } = decodeRequest(m.body);
          await conn.write(encodeReply(requestId, { status: 0, encapsulation: empty.finished() }));
        }
      }
      conn.close();
    }
  })();
  return {
    port: (listener.addr as Deno.NetAddr).port,
    stop: async () => {
      listener.close();
      await serving;
    },
  };
}

/** Microseconds per call after a warm-up. */
async function callTimes(calls: number, call: (i: number) => Promise<void>): Promise<number[]> {
  for (let i = 0; i < CALL_WARMUP; i++) await call(i);
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    await call(i);
    times.push((performance.now() - start) * 1000);
  }
  return times;
}

async function benchPeerPing(calls: number): Promise<Row> {
  const peer = startPeer();
  const transceiver = await connect(
    { kind: "tcp", host: "127.0.0.1", port: peer.port, timeout: -1, compress: false },
    { timeoutMs: 5000 },
  );
  const connection = await Connection.open(transceiver);
  try {
    const params = new OutputStream();
    params.writeEmptyEncapsulation(Encoding_1_0);
    const ping = {
      identity: { name: "router", category: "OMERO.Glacier2" },
      operation: "ice_ping",
      mode: OperationMode.Nonmutating,
      params: params.finished(),
    };
    const times = await callTimes(calls, async () => {
      (await connection.invoke(ping)).endEncapsulation();
    });
    return { name: "call: ice_ping, in-process peer, tcp", unit: "µs", ours: summarize(times) };
  } finally {
    await connection.close();
    await peer.stop();
  }
}

function twiceParams(x: number): Uint8Array {
  const out = new OutputStream();
  out.startEncapsulation();
  out.writeInt(x);
  out.endEncapsulation();
  return out.finished();
}

/** `twice(int)` on the Python servant, per transport, direct and through glacier2router. */
async function benchServantCalls(calls: number): Promise<Row[]> {
  await using servers = await startInteropServers();
  const echo = parseProxy(`interop/echo:tcp -h 127.0.0.1 -p ${servers.direct.tcp}`);
  const twice = (x: number) => ({
    operation: "twice",
    mode: OperationMode.Idempotent,
    params: twiceParams(x),
  });
  const check = (reply: InputStream, x: number) => {
    if (reply.readInt() !== 2 * x) throw new Error("twice: wrong answer");
  };
  const rows: Row[] = [];
  for (const kind of ["tcp", "ssl", "ws", "wss"] as const) {
    for (const routed of [false, true]) {
      const port = routed ? servers.router[kind] : servers.direct[kind];
      const resource = kind.startsWith("ws") ? "/" : undefined;
      const transceiver = await connect(
        { kind, host: "127.0.0.1", port, timeout: 60000, compress: false, resource },
        { timeoutMs: 5000, trust: acceptAnyPeer },
      );
      const connection = await Connection.open(transceiver);
      try {
        let times: number[];
        if (routed) {
          const router = new Glacier2Router(connection, { category: "Interop", name: "router" });
          await router.createSession("bench", "secret");
          times = await callTimes(
            calls,
            async (x) => check(await router.invoke(echo, twice(x)), x),
          );
          await router.destroySession();
        } else {
          times = await callTimes(
            calls,
            async (x) =>
              check(await connection.invoke({ identity: echo.identity, ...twice(x) }), x),
          );
        }
        const via = routed ? "via glacier2router" : "direct";
        rows.push({
          name: `call: twice(int), Python servant, ${kind} ${via}`,
          unit: "µs",
          ours: summarize(times),
        });
      } finally {
        await connection.close();
      }
    }
  }
  return rows;
}

export async function iceMicroBenchmarks(calls: number): Promise<Row[]> {
  return [benchDecode(), await benchPeerPing(calls), ...(await benchServantCalls(calls))];
}
