// Decoder throughput on a realistic reply (IAdmin.getEventContext: an omero::sys::EventContext
// with RType and Permissions instances, encoding 1.0) and per-call overhead of Connection on
// loopback tcp, each reported as a median. Run: deno run -A bench/ice-decode.ts [--json]
import { Connection } from "../src/ice/connection.ts";
import { InputStream } from "../src/ice/input-stream.ts";
import {
  decodeReply,
  decodeRequest,
  encodeReply,
  MessageFramer,
  MessageType,
  validateConnectionMessage,
} from "../src/ice/message.ts";
import { OutputStream } from "../src/ice/output-stream.ts";
import { connectTcp } from "../src/ice/tcp.ts";
import { Encoding_1_0, OperationMode } from "../src/ice/types.ts";
import { IceValue, TypeRegistry } from "../src/ice/values.ts";
import { MODEL, RTYPES, SYS } from "../src/omero/declarations.ts";

const DECODES = 100_000;
const BATCH = 5_000;
const CALLS = 2_000;

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

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function benchDecode(): { bytes: number; medianMicros: number; perSecond: number } {
  const message = eventContextReply();
  const decodeOnce = () => {
    const framer = new MessageFramer();
    framer.push(message);
    const reply = decodeReply(framer.next()!.body, registry);
    if (!("params" in reply)) throw new Error("unexpected status");
    const value = reply.params.readValue();
    reply.params.readPendingValues();
    reply.params.endEncapsulation();
    return value;
  };
  for (let i = 0; i < BATCH; i++) decodeOnce(); // warm up
  const perOp: number[] = [];
  for (let done = 0; done < DECODES; done += BATCH) {
    const start = performance.now();
    for (let i = 0; i < BATCH; i++) decodeOnce();
    perOp.push((performance.now() - start) * 1000 / BATCH);
  }
  const medianMicros = median(perOp);
  return { bytes: message.length, medianMicros, perSecond: Math.round(1e6 / medianMicros) };
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

async function benchCalls(): Promise<{ medianMicros: number }> {
  const peer = startPeer();
  const transceiver = await connectTcp(
    { kind: "tcp", host: "127.0.0.1", port: peer.port, timeout: -1, compress: false },
    { timeoutMs: 5000 },
  );
  const connection = await Connection.open(transceiver);
  const params = new OutputStream();
  params.writeEmptyEncapsulation(Encoding_1_0);
  const call = {
    identity: { name: "router", category: "OMERO.Glacier2" },
    operation: "ice_ping",
    mode: OperationMode.Nonmutating,
    params: params.finished(),
  };
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const start = performance.now();
    const reply: InputStream = await connection.invoke(call);
    reply.endEncapsulation();
    if (i >= 100) times.push((performance.now() - start) * 1000); // first 100 warm up
  }
  await connection.close();
  await peer.stop();
  return { medianMicros: median(times) };
}

const decode = benchDecode();
const calls = await benchCalls();
const result = {
  eventContextReply: { ...decode, decodes: DECODES },
  loopbackCall: { ...calls, calls: CALLS - 100 },
};
if (Deno.args.includes("--json")) console.log(JSON.stringify(result));
else {
  console.log(
    `EventContext reply (${decode.bytes} bytes) decoded ${DECODES} times: median ` +
      `${decode.medianMicros.toFixed(2)} µs per decode (${decode.perSecond}/s)`,
  );
  console.log(
    `loopback tcp ice_ping through Connection: median ${calls.medianMicros.toFixed(1)} µs ` +
      `per call over ${CALLS - 100} calls`,
  );
}
