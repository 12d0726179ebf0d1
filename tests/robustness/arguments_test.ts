// Bad and extreme arguments and environment values: each is a one-line usage error (exit 2)
// before anything is contacted or written. Mostly in-process through runCli, so no server is
// needed: every case below would otherwise try to reach the (absent) default server.
import assert from "node:assert/strict";
import { runCli } from "../../src/cli/program.ts";
import { fakeIO } from "../cli/fake-io.ts";
import { cli } from "../login/cli.ts";

async function run(args: string[], env: Record<string, string> = {}) {
  const dir = await Deno.makeTempDir({ prefix: "robust-args-" });
  try {
    const io = fakeIO({ OMERO_SESSIONDIR: `${dir}/sessions`, OMERO_USERDIR: dir, ...env });
    const code = await runCli(args, io);
    const left = [...Deno.readDirSync(dir)].map((entry) => entry.name);
    return { code, stdout: io.out(), stderr: io.err(), left };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function assertUsageError(result: Awaited<ReturnType<typeof run>>, pattern: RegExp) {
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stdout, "");
  assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
  assert.match(result.stderr, pattern);
  assert.deepEqual(result.left, [], "nothing written");
}

const SERVER = "alice@tcp://127.0.0.1:9";

Deno.test("numbers past what the wire or a timer can hold are usage errors", async (t) => {
  const cases: [string[], RegExp][] = [
    // A session timeout is 64-bit milliseconds: 1e20 s wrapped to a negative timeout.
    [["login", "-w", "x", "-t", "99999999999999999999", SERVER], /from 1 to 9007199254740/],
    [["timeout", "9007199254741"], /from 0 to 9007199254740/],
    [["open", "--user-name", "x", "--timeout", "1e3"], /expected a number of seconds/],
    // A timer past 2^31-1 ms fires at once: keepalive became a busy loop.
    [["keepalive", "-f", "99999999999"], /from 1 to 2147483/],
    [["keepalive", "--for", "9999999h"], /at most 2147483s/],
    [["login", "--connect-timeout", "99999999999", SERVER], /at most 2147483/],
    [["open", "--user-id", "99999999999999999999"], /expected an id/],
  ];
  for (const [args, pattern] of cases) {
    await t.step(args.join(" "), async () => assertUsageError(await run(args), pattern));
  }
});

Deno.test("negative, zero, non-numeric and empty numbers are usage errors", async (t) => {
  const cases: string[][] = [
    ["login", "-p", "-1", SERVER],
    ["login", "-p", "", SERVER],
    ["login", "-p", "4064x", SERVER],
    ["login", "-t", "0", SERVER],
    ["login", "-t", "-5", SERVER],
    ["login", "-t", "1.5", SERVER],
    ["login", "--retry", "-3", SERVER],
    ["login", "--retry", "abc", SERVER],
    ["login", "--connect-timeout", "0", SERVER],
    ["login", "--connect-timeout", "-1", SERVER],
    ["login", "--connect-timeout", "", SERVER],
    ["timeout", "-5"],
    ["timeout", "ten"],
    ["keepalive", "-f", "0"],
    ["keepalive", "-f", "-1"],
    ["keepalive", "--for", "0"],
    ["keepalive", "--for", "1d"],
    ["open", "--user-name", "x", "--timeout", "-1"],
    ["open", "--user-id", "-1"],
    ["open", "--user-id", "1", "--user-name", "x"],
    ["open"],
  ];
  for (const args of cases) {
    await t.step(JSON.stringify(args), async () => assertUsageError(await run(args), /./));
  }
});

Deno.test("unknown options and commands at every level are usage errors", async (t) => {
  const cases: string[][] = [
    ["--bogus"],
    ["sessions", "--bogus"],
    ["sessions", "bogus"],
    ["login", "--bogus"],
    ["list", "--bogus"],
    ["trust", "--bogus"],
    ["trust", "bogus"],
    ["trust", "forget"],
    ["completions", "tcsh"],
    ["exec"],
    ["exec", "--"],
    ["bogus"],
    ["key", "extra"],
  ];
  for (const args of cases) {
    await t.step(JSON.stringify(args), async () => assertUsageError(await run(args), /./));
  }
});

Deno.test("bad connection strings and control characters are usage errors", async (t) => {
  const cases: string[] = [
    "alice@tcp://",
    "alice@ftp://host",
    "alice@tcp://[::1",
    "alice@host:0",
    "alice@tcp://127.0.0.1:99999",
    "alice@tcp://127.0.0.1:4063/path",
    "alice@ho st",
    "alice@host\nname",
    "alice@host\x1b[2J",
    "alice@\udc80host",
  ];
  for (const connection of cases) {
    await t.step(JSON.stringify(connection), async () => {
      assertUsageError(await run(["login", "-w", "x", connection]), /./);
    });
  }
});

Deno.test("OMERO_CONNECT_TIMEOUT must be a positive number of seconds a timer can wait", async (t) => {
  for (const value of ["abc", "-1", "0", "1e9", " 5", "99999999999"]) {
    await t.step(JSON.stringify(value), async () => {
      const result = await run(["login", "-w", "x", SERVER], { OMERO_CONNECT_TIMEOUT: value });
      assertUsageError(result, /^OMERO_CONNECT_TIMEOUT: expected a positive number of seconds/);
    });
  }
});

// A password typed in the wrong place must not end up in a CI log. Through the CLI process, so
// that the rule holds whatever parses the command line.
const SECRET = "Zq9secret";

async function runProcess(args: string[], env: Record<string, string> = {}) {
  const dir = await Deno.makeTempDir({ prefix: "robust-args-cli-" });
  try {
    const result = await cli(dir, args, { env });
    return { ...result, left: [...Deno.readDirSync(dir)].map((entry) => entry.name) };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("a value rejected by a numeric option is shown only when it looks like a number", async (t) => {
  // [arguments, what the message must name]
  const hidden: [string[], RegExp][] = [
    [["login", "-p", SECRET, SERVER], /argument -p\/--port: expected a port number/],
    [["-p", SECRET, "login", SERVER], /argument -p\/--port/],
    [["login", "-t", SECRET, SERVER], /argument -t\/--timeout/],
    [["login", `--retry=${SECRET}`, SERVER], /argument --retry/],
    [["login", "--connect-timeout", SECRET, SERVER], /argument --connect-timeout/],
    [["keepalive", "-f", SECRET], /argument -f\/--frequency/],
    [["keepalive", "--for", SECRET], /argument --for/],
    [["open", "--timeout", SECRET, "--user-name", "x"], /argument --timeout/],
    [["open", "--user-id", SECRET], /argument --user-id/],
    [["open", "--user-name", "x", "--group-id", SECRET], /argument --group-id/],
    [["timeout", SECRET], /argument seconds/],
  ];
  const shown: [string[], string][] = [
    [["login", "-p", "99999", SERVER], "99999"],
    [["login", "-t", "0", SERVER], "0"],
    [["keepalive", "-f", "-1"], "-1"],
    [["keepalive", "--for", "9999999h"], "9999999h"],
    [["timeout", "9007199254741"], "9007199254741"],
  ];
  const results = await Promise.all([
    ...hidden.map(([args]) => runProcess(args)),
    ...shown.map(([args]) => runProcess(args)),
  ]);
  hidden.forEach(([args, names], index) => {
    const result = results[index];
    assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
    assert.match(result.stderr, names);
    assert.ok(!result.stderr.includes(SECRET), `${args.join(" ")}: ${result.stderr}`);
    assert.equal(result.stdout, "");
    assert.deepEqual(result.left, [], "nothing written");
  });
  await t.step("numbers are shown", () => {
    shown.forEach(([args, value], index) => {
      const result = results[hidden.length + index];
      assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
      assert.ok(result.stderr.includes(`(got "${value}")`), `${args.join(" ")}: ${result.stderr}`);
    });
  });
});

Deno.test("an unexpected extra word is not repeated; its position is named", async () => {
  const cases: [string[], RegExp][] = [
    [["login", SERVER, SECRET], /login: unexpected argument 2 \(this command takes at most 1\)/],
    [["sessions", "login", "-w", "x", SERVER, SECRET], /unexpected argument 2/],
    [["key", SECRET], /key: unexpected argument 1 \(this command takes none\)/],
    [["logout", SECRET], /logout: unexpected argument 1/],
    [["close", "some-key", SECRET], /close: unexpected argument 2/],
  ];
  const results = await Promise.all(cases.map(([args]) => runProcess(args)));
  cases.forEach(([args, pattern], index) => {
    const result = results[index];
    assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
    assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
    assert.match(result.stderr, pattern);
    assert.ok(!result.stderr.includes(SECRET), `${args.join(" ")}: ${result.stderr}`);
  });
});

Deno.test("OMERO_CONNECT_TIMEOUT: a value that is not a number is not repeated", async () => {
  const hidden = await runProcess(["login", "-w", "x", SERVER], { OMERO_CONNECT_TIMEOUT: SECRET });
  assert.equal(hidden.code, 2, hidden.stderr);
  assert.match(hidden.stderr, /^OMERO_CONNECT_TIMEOUT: expected a positive number of seconds/);
  assert.ok(!hidden.stderr.includes(SECRET), hidden.stderr);
  const shown = await runProcess(["login", "-w", "x", SERVER], { OMERO_CONNECT_TIMEOUT: "-1" });
  assert.match(shown.stderr, /got "-1"/);
});
