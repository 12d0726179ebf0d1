// Round trips of one login, counted on the wire: a loopback relay between client and
// glacier2router parses the Ice messages both ways. A round trip starts whenever the client
// sends a request while none of its earlier requests is unanswered; requests pipelined behind
// an outstanding one ride on the same round trip. The relay holds every server-to-client chunk
// back for LATENCY_MS, as a real network would: on bare loopback a reply can overtake the
// client's next pipelined write, which would count scheduling noise as round trips.
// SPEC §7: "a login makes the fewest round trips the protocol allows".
import { decodeRequest, MessageFramer, MessageType } from "../src/ice/message.ts";
import type { TestServer } from "../testserver/start.ts";
import { type ProcessSpec, runProcess } from "./process.ts";
import type { Row } from "./report.ts";
import { summarize } from "./stats.ts";

const LATENCY_MS = 20;

interface WireCount {
  roundTrips: number;
  requests: number;
}

/** Relays one client connection at a time to `targetPort` and counts what crosses it. */
class CountingRelay {
  readonly #listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  readonly #serving: Promise<void>;
  #count: WireCount = { roundTrips: 0, requests: 0 };
  #outstanding = 0;

  constructor(readonly targetPort: number) {
    this.#serving = this.#serve();
  }

  get port(): number {
    return (this.#listener.addr as Deno.NetAddr).port;
  }

  /** The counts since the last call. */
  take(): WireCount {
    const count = this.#count;
    this.#count = { roundTrips: 0, requests: 0 };
    this.#outstanding = 0;
    return count;
  }

  async #serve(): Promise<void> {
    const relays: Promise<void>[] = [];
    for await (const client of this.#listener) {
      const server = await Deno.connect({ hostname: "127.0.0.1", port: this.targetPort });
      relays.push(this.#relay(client, server));
    }
    await Promise.all(relays);
  }

  async #relay(client: Deno.Conn, server: Deno.Conn): Promise<void> {
    const toServer = this.#pipe(client, server, (type, body) => {
      if (type === MessageType.BatchRequest) this.#count.requests++;
      if (type !== MessageType.Request) return;
      this.#count.requests++;
      if (this.#outstanding === 0) this.#count.roundTrips++;
      if (decodeRequest(body).requestId !== 0) this.#outstanding++; // 0: oneway, no reply
    });
    const toClient = this.#pipe(server, client, (type) => {
      if (type === MessageType.Reply) this.#outstanding = Math.max(0, this.#outstanding - 1);
    }, LATENCY_MS);
    await Promise.all([toServer, toClient]);
  }

  /** Forwards `from` to `to`, each chunk `delayMs` after it arrived, in order; `onMessage`
   * sees each whole message when its last chunk is delivered. */
  async #pipe(
    from: Deno.Conn,
    to: Deno.Conn,
    onMessage: (type: number, body: Uint8Array) => void,
    delayMs = 0,
  ): Promise<void> {
    const framer = new MessageFramer();
    const buffer = new Uint8Array(65536);
    let delivered = Promise.resolve();
    const deliver = async (chunk: Uint8Array, due: number) => {
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      framer.push(chunk);
      for (let m = framer.next(); m; m = framer.next()) onMessage(m.header.type, m.body);
      await to.write(chunk);
    };
    try {
      for (let n = await from.read(buffer); n !== null; n = await from.read(buffer)) {
        const chunk = buffer.slice(0, n);
        const due = performance.now() + delayMs;
        delivered = delivered.then(() => deliver(chunk, due));
        delivered.catch(() => {}); // handled: awaited below, even while a read is pending
        if (delayMs === 0) await delivered;
      }
      await delivered;
    } catch {
      // The other side went away; closing both ends below ends the relay.
    } finally {
      for (const conn of [from, to]) {
        try {
          conn.close();
        } catch { /* already closed */ }
      }
    }
  }

  async stop(): Promise<void> {
    this.#listener.close();
    await this.#serving;
  }
}

/** Fresh logins through the relay: ours vs the reference client, `runs` each. */
export async function roundTripBenchmarks(server: TestServer, runs: number): Promise<Row[]> {
  const relay = new CountingRelay(server.ports.tcp);
  const userDir = await Deno.makeTempDir({ prefix: "bench-trips-" });
  try {
    const ours: ProcessSpec = {
      command: Deno.execPath(),
      args: [
        "run",
        "-A",
        new URL("../main.ts", import.meta.url).pathname,
        "login",
        "-q",
        "-C",
        "-w",
        "ome",
        `alice@tcp://127.0.0.1:${relay.port}`,
      ],
      env: { OMERO_USERDIR: userDir, NO_COLOR: "1" },
    };
    const reference: ProcessSpec = {
      command: "/usr/bin/python3",
      args: [
        new URL("../testserver/refclient.py", import.meta.url).pathname,
        "--port",
        String(relay.port),
        "login",
        "alice",
        "ome",
      ],
    };
    const counts = { ours: [] as WireCount[], reference: [] as WireCount[] };
    for (let i = 0; i < runs; i++) {
      await runProcess(ours);
      counts.ours.push(relay.take());
      await runProcess(reference);
      counts.reference.push(relay.take());
    }
    const row = (name: string, pick: (count: WireCount) => number): Row => ({
      name,
      unit: "",
      ours: summarize(counts.ours.map(pick)),
      reference: summarize(counts.reference.map(pick)),
    });
    return [
      row("login: round trips on the wire", (count) => count.roundTrips),
      row("login: requests on the wire", (count) => count.requests),
    ];
  } finally {
    await relay.stop();
    await Deno.remove(userDir, { recursive: true });
  }
}
