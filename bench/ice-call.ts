// Per-call overhead on loopback: median round trip of a tiny twoway call (`twice(int)`) to the
// Python ZeroC Ice servant of the interop tests, per transport, directly and through a real
// glacier2router. Run: deno run -A bench/ice-call.ts [calls]
import { Connection } from "../src/ice/connection.ts";
import { connect } from "../src/ice/connector.ts";
import { Glacier2Router } from "../src/ice/glacier2.ts";
import type { InputStream } from "../src/ice/input-stream.ts";
import { OutputStream } from "../src/ice/output-stream.ts";
import { parseProxy } from "../src/ice/proxy-string.ts";
import { OperationMode } from "../src/ice/types.ts";
import { startInteropServers } from "../tests/ice/interop/harness.ts";

const CALLS = Number(Deno.args[0] ?? 2000);
const WARMUP = 200;

function twiceParams(x: number): Uint8Array {
  const out = new OutputStream();
  out.startEncapsulation();
  out.writeInt(x);
  out.endEncapsulation();
  return out.finished();
}

async function medianMicros(call: (x: number) => Promise<InputStream>): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await call(i);
  const samples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const start = performance.now();
    const reply = await call(i);
    samples.push(performance.now() - start);
    if (reply.readInt() !== 2 * i) throw new Error("wrong answer");
  }
  samples.sort((a, b) => a - b);
  return Math.round(samples[samples.length >> 1] * 1000);
}

await using servers = await startInteropServers();
const echo = parseProxy(`interop/echo:tcp -h 127.0.0.1 -p ${servers.direct.tcp}`);
const call = (x: number) => ({
  operation: "twice",
  mode: OperationMode.Idempotent,
  params: twiceParams(x),
});
console.log(`median of ${CALLS} sequential twice(int) calls, microseconds`);
for (const kind of ["tcp", "ssl", "ws", "wss"] as const) {
  for (const routed of [false, true]) {
    const port = routed ? servers.router[kind] : servers.direct[kind];
    const resource = kind.startsWith("ws") ? "/" : undefined;
    const transceiver = await connect(
      { kind, host: "127.0.0.1", port, timeout: 60000, compress: false, resource },
      { timeoutMs: 5000, trust: { mode: "insecure" } },
    );
    const connection = await Connection.open(transceiver);
    try {
      let median: number;
      if (routed) {
        const router = new Glacier2Router(connection, { category: "Interop", name: "router" });
        await router.createSession("bench", "secret");
        median = await medianMicros((x) => router.invoke(echo, call(x)));
        await router.destroySession();
      } else {
        median = await medianMicros((x) =>
          connection.invoke({ identity: echo.identity, ...call(x) })
        );
      }
      console.log(`${kind.padEnd(4)} ${routed ? "glacier2" : "direct  "} ${median}`);
    } finally {
      await connection.close();
    }
  }
}
