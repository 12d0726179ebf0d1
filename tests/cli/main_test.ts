// The real binary entry point: process exit codes and streams.
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { copyFixtureStore, FIXTURE, runDeno, tempDir } from "../fixtures/fixture-store.ts";
import { MAIN } from "../login/cli.ts";
import { realIO } from "../../src/cli/io.ts";
import { runCli } from "../../src/cli/program.ts";
import { fakeIO } from "./fake-io.ts";

Deno.test("OMERO_SESSIONDIR=<fixture> main.ts key prints the fixture's current key", async () => {
  using tmp = tempDir();
  const dir = copyFixtureStore(tmp.path);
  const result = await runDeno([MAIN, "key"], { env: { OMERO_SESSIONDIR: dir } });
  assert.deepEqual(result, { code: 0, stdout: `${FIXTURE.current.uuid}\n`, stderr: "" });
});

Deno.test("main.ts: no current session exits 4 with stdout empty", async () => {
  using tmp = tempDir();
  const result = await runDeno([MAIN, "sessions", "key"], {
    env: { OMERO_SESSIONDIR: join(tmp.path, "empty") },
  });
  assert.equal(result.code, 4);
  assert.equal(result.stdout, "");
  assert.match(result.stderr, /^no current session/u);
});

Deno.test("main.ts: missing HOME is a one-line error, exit 1", async () => {
  const deno = fileURLToPath(new URL("../../node_modules/.bin/deno", import.meta.url));
  const result = await runDeno([MAIN, "key"], {
    clearEnv: true,
    env: { PATH: join(deno, ".."), DENO_DIR: Deno.env.get("DENO_DIR") ?? "/tmp/deno-dir" },
  });
  assert.equal(result.code, 1, result.stderr);
  assert.equal(result.stdout, "");
  assert.equal(
    result.stderr,
    "cannot find the home directory (HOME is not set): set HOME, OMERO_USERDIR or OMERO_SESSIONDIR\n",
  );
});

Deno.test("HOME that is a file: one line from bin/omero-sessions and from the program", async () => {
  using tmp = tempDir();
  const home = join(tmp.path, "home-is-a-file");
  Deno.writeTextFileSync(home, "");
  // Deno itself cannot start with such a HOME (it reads ~/.npmrc), so the launcher says so.
  const bin = fileURLToPath(new URL("../../bin/omero-sessions", import.meta.url));
  const launched = await new Deno.Command(bin, {
    args: ["key"],
    env: { HOME: home },
    stdin: "null",
  }).output();
  assert.equal(launched.code, 1);
  assert.equal(launched.stdout.length, 0);
  assert.equal(
    new TextDecoder().decode(launched.stderr),
    `cannot find the home directory (HOME=${home} is not a directory): set HOME to a directory\n`,
  );
  // A compiled binary starts: the program itself names the problem once.
  const saved = Deno.env.get("HOME")!;
  Deno.env.set("HOME", home);
  let homeDir: string | undefined;
  try {
    homeDir = realIO().homeDir;
  } finally {
    Deno.env.set("HOME", saved);
  }
  const io = fakeIO({ HOME: home }, { homeDir });
  assert.equal(await runCli(["key"], io), 1);
  assert.equal(io.out(), "");
  assert.equal(
    io.err(),
    `cannot find the home directory (HOME=${home} is not a directory): set HOME, OMERO_USERDIR ` +
      "or OMERO_SESSIONDIR\n",
  );
});

Deno.test("main.ts: a usage error exits 2 without a stack trace", async () => {
  const result = await runDeno([MAIN, "sessions"], { env: { OMERO_SESSIONDIR: "/nonexistent" } });
  assert.equal(result.code, 2);
  assert.doesNotMatch(result.stderr, /^\s+at /mu);
});
