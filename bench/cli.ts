// Whole-process benchmarks: our CLI (`deno run -A main.ts …`) against the Python ZeroC Ice
// reference client doing omero-py's call sequence, and the local commands on stores of 1 and 200
// sessions. Each process is checked for the right outcome, not only for exit code 0.
import { join } from "node:path";
import { bundle } from "../scripts/bundle.ts";
import type { Goal } from "./list-scale.ts";
import type { TestServer } from "../testserver/start.ts";
import { buildLoginProps } from "../src/store/session-file.ts";
import { SessionStore } from "../src/store/session-store.ts";
import { MAIN, ourCli, ourFreshLogin, refClient, refFreshLogin } from "./clients.ts";
import { interleaved } from "./interleave.ts";
import { type ProcessRun, type ProcessSpec, runProcess, timedProcess } from "./process.ts";
import type { Row } from "./report.ts";
import { summarize } from "./stats.ts";
import { countSessionFiles } from "../tests/fixtures/fixture-store.ts";

/** Live sessions in the store that `list` checks. */
const LISTED_SESSIONS = 24;

export interface Budget {
  runs: number;
  warmup: number;
}

/** `-q` silences the banner, so the store tells what a login did: a new file, or none. */
export function expectStoreCount(store: SessionStore, change: 0 | 1): (run: ProcessRun) => void {
  let before = countSessionFiles(store);
  return () => {
    const after = countSessionFiles(store);
    if (after !== before + change) {
      throw new Error(`login: expected ${change} new stored session, got ${after - before}`);
    }
    before = after;
  };
}

/** The reference client prints one JSON line per command. */
export function expectRefOk(run: ProcessRun): void {
  for (const line of run.stdout.split("\n").filter(Boolean)) {
    if (!JSON.parse(line).ok) throw new Error(`reference client failed: ${run.stdout}`);
  }
}

/** Fresh login (create) and reuse of a stored session (Using / join KEY), side by side. */
export async function loginBenchmarks(server: TestServer, budget: Budget): Promise<Row[]> {
  const userDir = await Deno.makeTempDir({ prefix: "bench-login-" });
  try {
    const tcp = `tcp://127.0.0.1:${server.ports.tcp}`;
    const alice = `alice@${tcp}`;
    const store = new SessionStore(`${userDir}/sessions`);
    const create = await interleaved(
      timedProcess(ourFreshLogin(userDir, tcp), expectStoreCount(store, 1)),
      timedProcess(refFreshLogin(server.ports.tcp), expectRefOk),
      budget,
    );
    // The current session is the last one created above: `login` without -C hits "Using".
    const key = store.getCurrent().uuid!;
    const noNewSession = expectStoreCount(store, 0);
    const reuse = await interleaved(
      timedProcess(ourCli(userDir, ["login", "-q", alice, "-w", "ome"]), (run) => {
        noNewSession(run);
        if (store.getCurrent().uuid !== key) throw new Error("login did not reuse the session");
      }),
      timedProcess(refClient(server.ports.tcp, ["join", key]), expectRefOk),
      budget,
    );
    return [
      { name: "login: fresh session (process)", unit: "ms", ...pair(create) },
      { name: "login: reuse stored (process)", unit: "ms", ...pair(reuse) },
    ];
  } finally {
    await Deno.remove(userDir, { recursive: true });
  }
}

/**
 * The goal: `list` over many sessions costs about one check, not their sum. Ours over
 * LISTED_SESSIONS live sessions against ours over one, and against omero-py's way (each stored
 * session joined in turn, a fresh communicator each: the reference client's joins in sequence).
 */
export async function listBenchmarks(server: TestServer, budget: Budget): Promise<Row[]> {
  const many = await Deno.makeTempDir({ prefix: "bench-list-many-" });
  const one = await Deno.makeTempDir({ prefix: "bench-list-one-" });
  try {
    const tcp = `tcp://127.0.0.1:${server.ports.tcp}`;
    for (let i = 0; i < LISTED_SESSIONS; i++) await runProcess(ourFreshLogin(many, tcp));
    await runProcess(ourFreshLogin(one, tcp));
    const keys = new SessionStore(`${many}/sessions`).contents().map((session) => session.uuid);
    const joins = keys.flatMap((key, index) => [...(index ? [","] : []), "join", key]);
    const listMany = timedProcess(
      ourCli(many, ["list", "--no-purge"]),
      (run) => expectLines(run, LISTED_SESSIONS + 3),
    );
    const listOne = timedProcess(ourCli(one, ["list", "--no-purge"]), (run) => expectLines(run, 4));
    const versusOne = await interleaved(listMany, listOne, budget);
    const versusRef = await interleaved(
      listMany,
      timedProcess(refClient(server.ports.tcp, joins), expectRefOk),
      budget,
    );
    return [
      {
        name: `list: ${LISTED_SESSIONS} sessions (process; ref = our list of 1)`,
        unit: "ms",
        ...pair(versusOne),
      },
      {
        name: `list: ${LISTED_SESSIONS} sessions (process; ref = ${LISTED_SESSIONS} joins in turn)`,
        unit: "ms",
        ...pair(versusRef),
      },
    ];
  } finally {
    await Deno.remove(many, { recursive: true });
    await Deno.remove(one, { recursive: true });
  }
}

function pair({ a, b }: { a: number[]; b: number[] }) {
  return { ours: summarize(a), reference: summarize(b) };
}

/** A store of `count` sessions over a few hosts and users, the last one current. */
function fillStore(dir: string, count: number): void {
  const store = new SessionStore(dir);
  for (let i = 0; i < count; i++) {
    const host = `omero${i % 5}.example.org`;
    const user = `user${i % 7}`;
    const uuid = crypto.randomUUID();
    store.add(host, user, uuid, buildLoginProps({ host, user, port: "4064" }));
    store.setCurrent(host, user, uuid);
  }
}

/** Stores the local commands run on: one session, and LOCAL_STORE_SIZES' largest. */
const LOCAL_STORE_SIZES = [1, 200];
/** A local command may take at most this many times an empty `deno run` (median against median). */
const LOCAL_GOAL = 1.5;

/**
 * How a local command is started: from the sources (`deno run -A main.ts`, what a checkout runs)
 * or as the bundle (`deno run -A --no-config dist/omero-sessions.js`, what the npm package and
 * the compiled binaries run; --no-config as the npm launcher passes it). Each form's baseline is
 * an empty module run with the same flags.
 */
interface Form {
  name: string;
  flags: string[];
  script: string;
}

/**
 * `key`, `file`, `list --offline` on stores of 1 and 200 sessions, and `--help` and `version`
 * (no current session, so no server is contacted), in both forms; the baseline is `deno run` of
 * an empty module. Each row's ratio against the goal is a Goal.
 */
export async function localBenchmarks(budget: Budget): Promise<{ rows: Row[]; goals: Goal[] }> {
  const work = await Deno.makeTempDir({ prefix: "bench-local-" });
  try {
    const empty = join(work, "empty.ts");
    await Deno.writeTextFile(empty, "");
    const bundled = join(work, "omero-sessions.js");
    await bundle(bundled);
    const noSession = join(work, "none");
    await Deno.mkdir(noSession);
    const stores = new Map<number, string>();
    for (const size of LOCAL_STORE_SIZES) {
      const userDir = join(work, `store-${size}`);
      fillStore(`${userDir}/sessions`, size);
      stores.set(size, userDir);
    }
    const forms: Form[] = [
      { name: "source", flags: ["-A"], script: MAIN },
      { name: "bundle", flags: ["-A", "--no-config"], script: bundled },
    ];
    const rows: Row[] = [];
    const goals: Goal[] = [];
    for (const form of forms) {
      const floor = timedProcess({ command: Deno.execPath(), args: ["run", ...form.flags, empty] });
      const measure = async (
        name: string,
        userDir: string,
        args: string[],
        check: (run: ProcessRun) => void,
      ) => {
        const spec: ProcessSpec = {
          command: Deno.execPath(),
          args: ["run", ...form.flags, form.script, ...args],
          env: { OMERO_USERDIR: userDir, NO_COLOR: "1" },
        };
        const { a, b } = await interleaved(timedProcess(spec, check), floor, budget);
        const { ours, reference } = pair({ a, b });
        rows.push({
          name: `${name}, ${form.name} (process; ref = empty deno run)`,
          unit: "ms",
          ours,
          reference,
        });
        const ratio = ours.median / reference.median;
        goals.push({
          met: ratio <= LOCAL_GOAL,
          text: `${name}, ${form.name}: ${
            ratio.toFixed(2)
          }× an empty deno run (goal ≤ ${LOCAL_GOAL}×)`,
        });
      };
      for (const [size, userDir] of stores) {
        const cases: [string, string[], (run: ProcessRun) => void][] = [
          ["key", ["key"], (run) => expectLines(run, 1)],
          ["file", ["file"], (run) => expectLines(run, 1)],
          ["list --offline", ["list", "--offline"], (run) => expectLines(run, size + 3)],
        ];
        for (const [name, args, check] of cases) {
          await measure(`${name}, ${size} stored`, userDir, args, check);
        }
      }
      await measure("--help", noSession, ["--help"], (run) => expectLines(run, 10));
      await measure("version, no session", noSession, ["version"], (run) => {
        expectLines(run, 1);
        if (run.stdout.includes("server")) throw new Error("version contacted a server");
      });
    }
    return { rows, goals };
  } finally {
    await Deno.remove(work, { recursive: true });
  }
}

function expectLines(run: ProcessRun, atLeast: number): void {
  const lines = run.stdout.split("\n").filter(Boolean).length;
  if (lines < atLeast) {
    throw new Error(`expected ≥ ${atLeast} lines on stdout, got:\n${run.stdout}`);
  }
}
