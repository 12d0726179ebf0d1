// `list` at job-array scale, whole processes: N live stored sessions of one user on one server
// (N = 1, 10, 50, 200), 50 on each of four servers, 50 on a server that refuses connections and
// 50 on one that accepts and never answers (a blackhole), each beside our own list of one
// session and beside the Python reference client joining the sessions in turn (a fresh
// communicator each, as omero-py's `sessions list` does).
import { sessionOpener } from "../src/omero/session.ts";
import { buildLoginProps } from "../src/store/session-file.ts";
import { SessionStore } from "../src/store/session-store.ts";
import { startTestServer, type TestServer } from "../testserver/start.ts";
import { freePort } from "../testserver/ports.ts";
import type { Budget } from "./cli.ts";
import { ourCli, PYTHON, REFCLIENT } from "./clients.ts";
import { interleaved } from "./interleave.ts";
import { acceptAnyPeer } from "../tests/fixtures/accepting-trust.ts";
import { type ProcessRun, type ProcessSpec, timedProcess } from "./process.ts";
import { Blackhole } from "./relay.ts";
import type { Row } from "./report.ts";
import { summarize, type Summary } from "./stats.ts";

const HOST = "tcp://127.0.0.1";
const SIZES = [1, 10, 50, 200];
const PER_SERVER = 50;
/** Our connect timeout for the dead-server rows (the reference client's is fixed at 5 s). */
const CONNECT_TIMEOUT_S = 5;

/** The goals checked after the table, from the medians measured in this run. */
export interface Goal {
  text: string;
  met: boolean;
}

interface Fixture {
  dir: string;
  /** Per stored session: its server's port and key. */
  sessions: { port: number; uuid: string }[];
}

/** A store of `count` live sessions of alice on each of `servers` (the last one current). */
async function liveStore(servers: TestServer[], count: number): Promise<Fixture> {
  const dir = await Deno.makeTempDir({ prefix: "bench-list-" });
  const store = new SessionStore(`${dir}/sessions`);
  const open = sessionOpener({
    agent: "OMERO.sessions",
    connectTimeoutMs: 5000,
    callTimeoutMs: 20_000,
    trust: acceptAnyPeer,
  });
  const sessions: Fixture["sessions"] = [];
  for (const server of servers) {
    const port = server.ports.tcp;
    for (let i = 0; i < count; i++) {
      const session = await open({ host: "127.0.0.1", port, transport: "tcp" }, {
        user: "alice",
        password: "ome",
      }, {});
      await session.release();
      store.add(HOST, "alice", session.uuid, storedProps(port));
      store.setCurrent(HOST, "alice", session.uuid, String(port));
      sessions.push({ port, uuid: session.uuid });
    }
  }
  return { dir, sessions };
}

/** `count` sessions of alice that the server at `port` cannot be asked about. */
async function deadStore(port: number, count: number): Promise<Fixture> {
  const dir = await Deno.makeTempDir({ prefix: "bench-list-dead-" });
  const store = new SessionStore(`${dir}/sessions`);
  const sessions = Array.from({ length: count }, () => ({ port, uuid: crypto.randomUUID() }));
  for (const { uuid } of sessions) store.add(HOST, "alice", uuid, storedProps(port));
  return { dir, sessions };
}

function storedProps(port: number) {
  return buildLoginProps({ host: HOST, user: "alice", port: String(port) });
}

function ourList(fixture: Fixture, active: string): () => Promise<number> {
  const spec = ourCli(fixture.dir, ["list", "--no-purge", "--json"], {
    OMERO_CONNECT_TIMEOUT: String(CONNECT_TIMEOUT_S),
  });
  return timedProcess(spec, (run) => {
    const rows: { active: string }[] = JSON.parse(run.stdout).sessions;
    const matching = rows.filter((row) => row.active === active).length;
    if (matching !== fixture.sessions.length) {
      throw new Error(`list: ${matching} of ${fixture.sessions.length} rows ${active}`);
    }
  });
}

/** The reference client joining every stored session in turn, one process per server. */
function refJoins(fixture: Fixture, expectOk: boolean, limit = Infinity): () => Promise<number> {
  const byPort = new Map<number, string[]>();
  for (const { port, uuid } of fixture.sessions.slice(0, limit)) {
    byPort.set(port, [...byPort.get(port) ?? [], uuid]);
  }
  const commands = [...byPort].map(([port, keys]) =>
    [
      PYTHON,
      REFCLIENT,
      "--port",
      String(port),
      ...keys.flatMap((key, i) => [
        ...(i ? [","] : []),
        "join",
        key,
      ]),
    ].join(" ")
  );
  const spec: ProcessSpec = {
    command: "/bin/sh",
    // Keys and ports are generated here: nothing in the line needs quoting.
    args: ["-c", commands.join(expectOk ? " && " : " ; ")],
    alsoOk: expectOk ? [] : [1],
  };
  const expected = Math.min(limit, fixture.sessions.length);
  return timedProcess(spec, (run: ProcessRun) => {
    const lines = run.stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line));
    if (lines.length !== expected || lines.some((line) => line.ok !== expectOk)) {
      throw new Error(
        `reference client: expected ${expected} joins ok=${expectOk}:\n${run.stdout}`,
      );
    }
  });
}

function row(name: string, { a, b }: { a: number[]; b: number[] }): Row {
  return { name, unit: "ms", ours: summarize(a), reference: summarize(b) };
}

export async function listScaleBenchmarks(
  budget: Budget,
): Promise<{ rows: Row[]; goals: Goal[] }> {
  const servers: TestServer[] = [];
  const fixtures: Fixture[] = [];
  const blackhole = new Blackhole();
  try {
    for (let i = 0; i < 4; i++) servers.push(await startTestServer());
    const rows: Row[] = [];
    const ours = new Map<string, Summary>();
    const one = await liveStore(servers.slice(0, 1), 1);
    fixtures.push(one);
    const listOne = ourList(one, "True");
    const measure = async (
      name: string,
      fixture: Fixture,
      active: string,
      ref: () => Promise<number>,
      refName: string,
    ) => {
      const list = ourList(fixture, active);
      if (fixture !== one) {
        const versusOne = await interleaved(list, listOne, budget);
        rows.push(row(`list: ${name} (ref = our list of 1)`, versusOne));
        ours.set(name, summarize(versusOne.a));
        ours.set(`${name}/one`, summarize(versusOne.b));
      }
      rows.push(row(`list: ${name} (ref = ${refName})`, await interleaved(list, ref, budget)));
    };
    for (const size of SIZES) {
      const fixture = size === 1 ? one : await liveStore(servers.slice(0, 1), size);
      if (fixture !== one) fixtures.push(fixture);
      await measure(
        `${size} on 1 server`,
        fixture,
        "True",
        refJoins(fixture, true),
        `Python, ${size} joins`,
      );
    }
    const four = await liveStore(servers, PER_SERVER);
    fixtures.push(four);
    await measure(
      `4 servers × ${PER_SERVER}`,
      four,
      "True",
      refJoins(four, true),
      `Python, ${4 * PER_SERVER} joins`,
    );
    const refused = await deadStore(await freePort(), PER_SERVER);
    fixtures.push(refused);
    await measure(
      `${PER_SERVER} on a refusing server`,
      refused,
      "Unreachable",
      refJoins(refused, false),
      `Python, ${PER_SERVER} joins`,
    );
    const silent = await deadStore(blackhole.port, PER_SERVER);
    fixtures.push(silent);
    // Each of the reference client's joins waits its 5 s connect timeout: one is its floor.
    await measure(
      `${PER_SERVER} on a blackholed server, ${CONNECT_TIMEOUT_S} s timeout`,
      silent,
      "Unreachable",
      refJoins(silent, false, 1),
      "Python, 1 join",
    );

    const median = (name: string) => ours.get(name)!.median;
    const ratio = (name: string) => median(name) / median(`${name}/one`);
    const blackholed = median(
      `${PER_SERVER} on a blackholed server, ${CONNECT_TIMEOUT_S} s timeout`,
    );
    const goals: Goal[] = [
      {
        text: `list 200 on 1 server / list of 1: ${
          ratio("200 on 1 server").toFixed(2)
        }× (goal ≤ 2×)`,
        met: ratio("200 on 1 server") <= 2,
      },
      {
        text: `list 4 servers × 50 / list of 1: ${
          ratio(`4 servers × ${PER_SERVER}`).toFixed(2)
        }× (goal ≤ 2.5×)`,
        met: ratio(`4 servers × ${PER_SERVER}`) <= 2.5,
      },
      {
        text: `list 50 on a blackholed server: ${
          (blackholed / 1000).toFixed(2)
        } s (goal ≤ ${CONNECT_TIMEOUT_S} s + 1 s)`,
        met: blackholed <= CONNECT_TIMEOUT_S * 1000 + 1000,
      },
    ];
    return { rows, goals };
  } finally {
    for (const fixture of fixtures) await Deno.remove(fixture.dir, { recursive: true });
    await blackhole.stop();
    for (const server of servers) await server.stop();
  }
}
