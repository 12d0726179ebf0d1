// The local command lines that start without the parser (src/cli/local-commands.ts) run their
// command with the very options the parser gives them, and every other line still goes to the
// parser. The command modules are replaced through lazyImport's registry, which records what
// each run receives.
import assert from "node:assert/strict";
import { commandContext } from "../../src/cli/context.ts";
import { localCommand } from "../../src/cli/local-commands.ts";
import { runCli } from "../../src/cli/program.ts";
import { LAZY_MODULES } from "../../src/lazy-import.ts";
import { fakeIO } from "./fake-io.ts";

const COMMANDS = ["key", "file", "list", "version"];

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
  ["key"],
  ["sessions", "key"],
  ["file"],
  ["sessions", "file"],
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
