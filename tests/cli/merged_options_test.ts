// mergedOptions: the deepest given value wins, and the values keep the types the parser infers
// (a command's `run` receives them without a cast, so a mismatch is a type error).
import assert from "node:assert/strict";
import { Command } from "@commander-js/extra-typings";
import { mergedOptions } from "../../src/cli/program.ts";

/** root → sessions → login, each with a numeric `-n` and a flag `-q`, as the connection options. */
function levels() {
  const seconds = (value: string) => Number(value);
  const root = new Command().exitOverride().enablePositionalOptions()
    .option("-n <n>", "", seconds).option("-q");
  const sessions = root.command("sessions").enablePositionalOptions()
    .option("-n <n>", "", seconds).option("-q");
  const login = sessions.command("login").option("-n <n>", "", seconds).option("-q")
    .option("--no-purge");
  return { root, login };
}

function parsedAt(argv: string[]) {
  const { root, login } = levels();
  let merged: Record<string, unknown> | undefined;
  login.action((_options, command) => {
    merged = mergedOptions(command);
  });
  root.parse(argv, { from: "user" });
  assert.ok(merged);
  return merged;
}

Deno.test("a value given only above the command survives; one given deeper wins", () => {
  assert.deepEqual(parsedAt(["-n", "1", "-q", "sessions", "login"]), {
    n: 1,
    q: true,
    purge: true,
  });
  assert.deepEqual(parsedAt(["-n", "1", "sessions", "-n", "2", "login", "-n", "3"]), {
    n: 3,
    purge: true,
  });
  assert.deepEqual(parsedAt(["-n", "1", "sessions", "login", "--no-purge"]), {
    n: 1,
    purge: false,
  });
});

Deno.test("merged values keep the parser's types", () => {
  const { root, login } = levels();
  let checked = false;
  login.action((_options, command) => {
    const merged = mergedOptions(command);
    // Type errors if mergedOptions returned untyped values (as Record<string, unknown> did).
    const n: number | undefined = merged.n;
    const purge: boolean = merged.purge;
    assert.deepEqual({ n, purge }, { n: 7, purge: true });
    checked = true;
  });
  root.parse(["sessions", "login", "-n", "7"], { from: "user" });
  assert.ok(checked);
});
