// In-process cost of opening an OMERO session (connect, createSession or join, the calls of
// login), without process start: our OmeroSession against the Python reference client's
// `--repeat` mode, which times each command inside one interpreter. Both sides run in batches,
// alternately; the first open of every batch is a warm-up and is not counted.
import type { TestServer } from "../testserver/start.ts";
import { OmeroSession } from "../src/omero/session.ts";
import type { ClientSettings, Credentials } from "../src/omero/session.ts";
import { resolveServer } from "../src/connection-string.ts";
import { PYTHON, REFCLIENT } from "./clients.ts";
import { runProcess } from "./process.ts";
import type { Row } from "./report.ts";
import { summarize } from "./stats.ts";
import { acceptAnyPeer } from "../tests/fixtures/accepting-trust.ts";

const BATCH = 5;

const SETTINGS: ClientSettings = {
  agent: "OMERO.sessions",
  connectTimeoutMs: 5_000,
  callTimeoutMs: 60_000,
  trust: acceptAnyPeer,
};

async function ourBatch(server: TestServer, credentials: Credentials): Promise<number[]> {
  const target = resolveServer(`tcp://127.0.0.1:${server.ports.tcp}`);
  const times: number[] = [];
  for (let i = 0; i <= BATCH; i++) {
    const start = performance.now();
    const session = await OmeroSession.open(target, credentials, {}, SETTINGS);
    times.push(performance.now() - start);
    await session.release(); // detached: the server session survives, as after omero-py's login
  }
  return times.slice(1);
}

async function referenceBatch(server: TestServer, command: string[]): Promise<number[]> {
  const args = [REFCLIENT, "--port", String(server.ports.tcp), "--repeat", String(BATCH + 1)];
  const run = await runProcess({ command: PYTHON, args: [...args, ...command] });
  const results = run.stdout.trim().split("\n").map((line) => JSON.parse(line));
  for (const result of results) {
    if (!result.ok) throw new Error(`reference client failed: ${JSON.stringify(result)}`);
  }
  return results.slice(1).map((result) => result.ms as number);
}

async function compare(
  server: TestServer,
  runs: number,
  credentials: Credentials,
  command: string[],
): Promise<{ ours: number[]; reference: number[] }> {
  const ours: number[] = [];
  const reference: number[] = [];
  for (let round = 0; ours.length < runs; round++) {
    const ourTurn = () => ourBatch(server, credentials).then((t) => ours.push(...t));
    const refTurn = () => referenceBatch(server, command).then((t) => reference.push(...t));
    if (round % 2 === 0) await ourTurn().then(refTurn);
    else await refTurn().then(ourTurn);
  }
  return { ours, reference };
}

export async function sessionOpenBenchmarks(server: TestServer, runs: number): Promise<Row[]> {
  const created = await compare(server, runs, { user: "alice", password: "ome" }, [
    "login",
    "alice",
    "ome",
  ]);
  const key = await aliceKey(server);
  const joined = await compare(server, runs, { user: key, password: key }, ["join", key]);
  const row = (name: string, times: { ours: number[]; reference: number[] }): Row => ({
    name,
    unit: "ms",
    ours: summarize(times.ours),
    reference: summarize(times.reference),
  });
  return [
    row("open session: create (in-process)", created),
    row("open session: join (in-process)", joined),
  ];
}

/** A detached session of alice's to join. */
async function aliceKey(server: TestServer): Promise<string> {
  const target = resolveServer(`tcp://127.0.0.1:${server.ports.tcp}`);
  const session = await OmeroSession.open(target, { user: "alice", password: "ome" }, {}, SETTINGS);
  const key = session.uuid;
  await session.release();
  return key;
}
