// A fresh login over a link with latency: our CLI and the Python reference client through a
// loopback relay that delays every chunk RTT/2 each way, at 0 and 40 ms RTT, over tcp and ws.
// The relay delays bytes, not the TCP handshake with it, so the least a login can spend on the
// link through it is the ValidateConnection (half a round trip: the server speaks first), the
// WebSocket upgrade for ws (one, with the ValidateConnection riding behind the 101 answer) and
// the three Ice round trips of a login; CloseConnection needs no answer. What a login spends on
// the link is timed by the relay (from accepting the connection to the client ending it), so
// the noise of process start-up on a loaded machine stays out of that number.
import { SessionStore } from "../src/store/session-store.ts";
import type { TestServer } from "../testserver/start.ts";
import { type Budget, expectRefOk, expectStoreCount } from "./cli.ts";
import { ourFreshLogin, refFreshLogin } from "./clients.ts";
import { interleaved } from "./interleave.ts";
import { runProcess, timedProcess } from "./process.ts";
import { Relay } from "./relay.ts";
import type { Row } from "./report.ts";
import { summarize } from "./stats.ts";
import type { Goal } from "./list-scale.ts";

const RTT_MS = 40;
/** Round trips through the relay that no login can avoid, per transport. */
const MINIMUM_RTTS = { tcp: 3.5, ws: 4 } as const;

export async function loginLatencyBenchmarks(
  server: TestServer,
  budget: Budget,
): Promise<{ rows: Row[]; goals: Goal[] }> {
  const userDir = await Deno.makeTempDir({ prefix: "bench-rtt-" });
  const relays: Relay[] = [];
  try {
    const store = new SessionStore(`${userDir}/sessions`);
    const rows: Row[] = [];
    const goals: Goal[] = [];
    // One check for every login here: each adds one session to the one store.
    const created = expectStoreCount(store, 1);
    for (const transport of ["tcp", "ws"] as const) {
      const login = (rtt: number) => {
        const relay = new Relay(server.ports[transport], {
          delayMs: { toServer: rtt / 2, toClient: rtt / 2 },
        });
        relays.push(relay);
        const spec = ourFreshLogin(userDir, `${transport}://127.0.0.1:${relay.port}`);
        const ours = timedProcess(spec, created);
        /** The same login, timed by the relay: its connection's life, without process start. */
        const onLink = async () => {
          created(await runProcess(spec));
          return relay.lastLifetimeMs();
        };
        const reference = timedProcess(refFreshLogin(relay.port, transport), expectRefOk);
        return { ours, onLink, reference };
      };
      const near = login(0);
      const far = login(RTT_MS);
      for (const [rtt, side] of [[0, near], [RTT_MS, far]] as const) {
        const { a, b } = await interleaved(side.ours, side.reference, budget);
        rows.push({
          name: `login ${transport}, ${rtt} ms RTT (process; ref = Python)`,
          unit: "ms",
          ours: summarize(a),
          reference: summarize(b),
        });
      }
      const { a, b } = await interleaved(far.onLink, near.onLink, budget);
      rows.push({
        name: `login ${transport}, ${RTT_MS} ms RTT, on the link (relay; ref = same at 0 ms)`,
        unit: "ms",
        ours: summarize(a),
        reference: summarize(b),
      });
      // A loaded machine only ever adds time, so the fastest run of each side is the best
      // estimate of what the login itself costs on the link.
      const extra = (Math.min(...a) - Math.min(...b)) / RTT_MS;
      const minimum = MINIMUM_RTTS[transport];
      goals.push({
        text: `login ${transport} at ${RTT_MS} ms RTT spends ${extra.toFixed(2)} RTT on the link ` +
          `(fastest runs) ` +
          `(minimum through the relay ${minimum}; goal ≤ ${minimum + 0.5})`,
        met: extra <= minimum + 0.5,
      });
    }
    return { rows, goals };
  } finally {
    for (const relay of relays) await relay.stop();
    await Deno.remove(userDir, { recursive: true });
  }
}
