// Round trips of one login, counted on the wire: a loopback relay between client and
// glacier2router parses the Ice messages both ways. A round trip starts whenever the client
// sends a request while none of its earlier requests is unanswered; requests pipelined behind
// an outstanding one ride on the same round trip. The relay holds every server-to-client chunk
// back for LATENCY_MS, as a real network would: on bare loopback a reply can overtake the
// client's next pipelined write, which would count scheduling noise as round trips.
// The goal: a login makes the fewest round trips the protocol allows (docs/bench.md).
import { decodeRequest, MessageFramer, MessageType } from "../src/ice/message.ts";
import type { TestServer } from "../testserver/start.ts";
import { Relay } from "./relay.ts";
import { ourFreshLogin, refFreshLogin } from "./clients.ts";
import { runProcess } from "./process.ts";
import type { Row } from "./report.ts";
import { summarize } from "./stats.ts";

const LATENCY_MS = 20;

interface WireCount {
  roundTrips: number;
  requests: number;
}

/** Relays client connections to `targetPort` and counts what crosses it. */
class CountingRelay {
  readonly #relay: Relay;
  readonly #framers = { toServer: new MessageFramer(), toClient: new MessageFramer() };
  #count: WireCount = { roundTrips: 0, requests: 0 };
  #outstanding = 0;

  constructor(targetPort: number) {
    this.#relay = new Relay(targetPort, {
      delayMs: { toClient: LATENCY_MS },
      observe: (direction, chunk) => {
        const framer = this.#framers[direction];
        framer.push(chunk);
        for (let m = framer.next(); m; m = framer.next()) {
          if (direction === "toServer") this.#request(m.header.type, m.body);
          else if (m.header.type === MessageType.Reply) {
            this.#outstanding = Math.max(0, this.#outstanding - 1);
          }
        }
      },
    });
  }

  get port(): number {
    return this.#relay.port;
  }

  /** The counts since the last call (one client connection at a time). */
  take(): WireCount {
    const count = this.#count;
    this.#count = { roundTrips: 0, requests: 0 };
    this.#outstanding = 0;
    this.#framers.toServer = new MessageFramer();
    this.#framers.toClient = new MessageFramer();
    return count;
  }

  #request(type: number, body: Uint8Array): void {
    if (type === MessageType.BatchRequest) this.#count.requests++;
    if (type !== MessageType.Request) return;
    this.#count.requests++;
    if (this.#outstanding === 0) this.#count.roundTrips++;
    if (decodeRequest(body).requestId !== 0) this.#outstanding++; // 0: oneway, no reply
  }

  stop(): Promise<void> {
    return this.#relay.stop();
  }
}

/** Fresh logins through the relay: ours vs the reference client, `runs` each. */
export async function roundTripBenchmarks(server: TestServer, runs: number): Promise<Row[]> {
  const relay = new CountingRelay(server.ports.tcp);
  const userDir = await Deno.makeTempDir({ prefix: "bench-trips-" });
  try {
    const ours = ourFreshLogin(userDir, `tcp://127.0.0.1:${relay.port}`);
    const reference = refFreshLogin(relay.port);
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
