// `deno task bench`: the speed goals of docs/bench.md, measured side by side with the Python ZeroC
// Ice reference client against one local test server, and the Ice micro-benchmarks. Prints one
// table of medians, p90 and ratios. Options: --runs N (timed runs per side, default 15), --only
// NAME[,NAME] (login, rtt, list, scale, trips, open, local, bundle, ice). Goals measured in the run
// (rtt, scale) are printed after the table.
import { parseArgs } from "node:util";
import { cpus, loadavg } from "node:os";
import { bundleBenchmarks } from "../bench/bundle.ts";
import { listBenchmarks, localBenchmarks, loginBenchmarks } from "../bench/cli.ts";
import { iceMicroBenchmarks } from "../bench/ice-micro.ts";
import type { Goal } from "../bench/list-scale.ts";
import { listScaleBenchmarks } from "../bench/list-scale.ts";
import { loginLatencyBenchmarks } from "../bench/login-latency.ts";
import { formatTable, type Row } from "../bench/report.ts";
import { roundTripBenchmarks } from "../bench/round-trips.ts";
import { sessionOpenBenchmarks } from "../bench/session-open.ts";
import { startTestServer, type TestServer } from "../testserver/start.ts";

const SUITES = [
  "login",
  "rtt",
  "list",
  "scale",
  "trips",
  "open",
  "local",
  "bundle",
  "ice",
] as const;
type Suite = typeof SUITES[number];
const WARMUP = 2;
const ICE_CALLS = 1000;
/** Round trips do not vary with load: a few logins show that they do not vary at all. */
const TRIP_RUNS = 3;

function usage(message: string): never {
  console.error(`bench: ${message}`);
  Deno.exit(2);
}

function options(): { runs: number; only: Set<Suite> } {
  let values: { runs: string; only?: string };
  try {
    ({ values } = parseArgs({
      args: Deno.args,
      options: { runs: { type: "string", default: "15" }, only: { type: "string" } },
    }));
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 1000) {
    usage(`--runs: expected an integer from 1 to 1000, got "${values.runs}"`);
  }
  const only = values.only?.split(",") ?? [...SUITES];
  for (const name of only) {
    if (!SUITES.includes(name as Suite)) {
      usage(`--only: unknown benchmark "${name}" (expected ${SUITES.join(", ")})`);
    }
  }
  return { runs, only: new Set(only as Suite[]) };
}

function load(): string {
  return loadavg().map((value) => value.toFixed(2)).join(" ");
}

async function main(): Promise<void> {
  const { runs, only } = options();
  const budget = { runs, warmup: WARMUP };
  console.log(
    `deno ${Deno.version.deno}, ${cpus().length} cores, load average ${load()}; ` +
      `${runs} runs per side after ${WARMUP} warm-up runs, interleaved`,
  );
  const rows: Row[] = [];
  const goals: Goal[] = [];
  const needsServer = ["login", "rtt", "list", "trips", "open"].some((suite) =>
    only.has(suite as Suite)
  );
  let server: TestServer | undefined;
  try {
    if (needsServer) server = await startTestServer();
    if (only.has("login")) rows.push(...await loginBenchmarks(server!, budget));
    if (only.has("rtt")) {
      const latency = await loginLatencyBenchmarks(server!, budget);
      rows.push(...latency.rows);
      goals.push(...latency.goals);
    }
    if (only.has("list")) rows.push(...await listBenchmarks(server!, budget));
    if (only.has("trips")) rows.push(...await roundTripBenchmarks(server!, TRIP_RUNS));
    if (only.has("open")) rows.push(...await sessionOpenBenchmarks(server!, runs));
  } finally {
    await server?.stop();
  }
  if (only.has("scale")) {
    const scale = await listScaleBenchmarks(budget);
    rows.push(...scale.rows);
    goals.push(...scale.goals);
  }
  if (only.has("local")) {
    const local = await localBenchmarks(budget);
    rows.push(...local.rows);
    goals.push(...local.goals);
  }
  if (only.has("bundle")) rows.push(...await bundleBenchmarks(budget));
  if (only.has("ice")) rows.push(...await iceMicroBenchmarks(ICE_CALLS));
  console.log(formatTable(rows));
  for (const goal of goals) console.log(`${goal.met ? "met" : "NOT MET"}: ${goal.text}`);
  console.log(`load average at the end: ${load()}; ref/ours > 1 means ours is faster`);
}

await main();
