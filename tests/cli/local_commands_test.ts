// The local command lines that start without the parser (src/cli/local-commands.ts) run their
// command with the very options the parser gives them, and every other line still goes to the
// parser. `list` and `version` are replaced through lazyImport's registry, which records what
// each run receives; `key` and `file`, which the local path loads with itself, run for real on
// both paths against the same store.
import assert from "node:assert/strict";
import { commandContext } from "../../src/cli/context.ts";
import { localCommand } from "../../src/cli/local-commands.ts";
import { runCli } from "../../src/cli/program.ts";
import { runReported } from "../../src/cli/run-reported.ts";
import { LAZY_MODULES } from "../../src/lazy-import.ts";
import { buildLoginProps } from "../../src/store/session-file.ts";
import { SessionStore } from "../../src/store/session-store.ts";
import { fakeIO } from "./fake-io.ts";

const COMMANDS = ["list", "version"];

/** Runs `start` with every local command module recording its options instead of running. */
async function recorded(
  start: () => Promise<unknown>,
): Promise<{ path: string; options: unknown }[]> {
  const runs: { path: string; options: unknown }[] = [];
  const registry = globalThis as { [LAZY_MODULES]?: Record<string, () => Promise<unknown>> };
  const saved = registry[LAZY_MODULES];
  registry[LAZY_MODULES] = Object.fromEntries(COMMANDS.map((name) => {
    const path = `commands/${name}/${name}.ts`;
    return [
      path,
      () => Promise.resolve({ run: (options: unknown) => void runs.push({ path, options }) }),
    ];
  }));
  try {
    await start();
  } finally {
    registry[LAZY_MODULES] = saved;
  }
  return runs;
}

const LINES = [
  ["list", "--offline"],
  ["sessions", "list", "--offline"],
  ["version"],
  ["sessions", "version"],
];

Deno.test("local command lines: the same command and options as through the parser", async () => {
  for (const argv of LINES) {
    const io = fakeIO({});
    const local = localCommand(argv, commandContext(io));
    assert.ok(local, `${argv.join(" ")} does not start without the parser`);
    const direct = await recorded(local);
    const parsed = await recorded(() => runCli(argv, io));
    assert.equal(direct.length, 1, argv.join(" "));
    assert.deepEqual(direct, parsed, argv.join(" "));
  }
});

Deno.test("local command lines: key and file print and exit as through the parser", async () => {
  const dir = await Deno.makeTempDir({ prefix: "local-commands-" });
  try {
    const env = { OMERO_USERDIR: dir };
    const compare = async (argv: string[]) => {
      const local = fakeIO(env);
      const run = localCommand(argv, commandContext(local));
      assert.ok(run, `${argv.join(" ")} does not start without the parser`);
      const localCode = await runReported(local, run);
      const parsed = fakeIO(env);
      const parsedCode = await runCli(argv, parsed);
      const outcome = (code: number, io: typeof local) => ({ code, out: io.out(), err: io.err() });
      assert.deepEqual(outcome(localCode, local), outcome(parsedCode, parsed), argv.join(" "));
      return outcome(localCode, local);
    };
    const lines = [["key"], ["sessions", "key"], ["file"], ["sessions", "file"]];
    // No session yet: exit 4 and the same message.
    for (const argv of lines) assert.equal((await compare(argv)).code, 4);
    const store = new SessionStore(`${dir}/sessions`);
    const uuid = crypto.randomUUID();
    store.add(
      "omero.example.org",
      "alice",
      uuid,
      buildLoginProps({ host: "omero.example.org", user: "alice" }),
    );
    store.setCurrent("omero.example.org", "alice", uuid);
    for (const argv of lines) {
      const outcome = await compare(argv);
      assert.equal(outcome.code, 0);
      assert.ok(outcome.out.includes(uuid), outcome.out);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("local command lines: any other line goes to the parser", () => {
  const others = [
    [],
    ["key", "-h"],
    ["key", "--session-dir", "/tmp"],
    ["list"],
    ["list", "--offline", "--json"],
    ["--offline", "list"],
    ["sessions"],
    ["sessions", "sessions", "key"],
    ["key\0file"],
    ["list\0--offline"],
    ["version", "--json"],
    ["--help"],
  ];
  for (const argv of others) {
    assert.equal(localCommand(argv, commandContext(fakeIO({}))), undefined, argv.join(" "));
  }
});
