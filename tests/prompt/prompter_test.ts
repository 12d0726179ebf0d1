// The prompts through a real pseudo-terminal, and without one.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { DENO, runInPty } from "./pty.ts";

const ASK = fileURLToPath(new URL("./fixtures/ask.ts", import.meta.url));
const command = [DENO, "run", "-A", ASK];

Deno.test("prompts on a terminal: defaults, hidden password, backspace, terminal restored", async () => {
  const result = await runInPty(command, [
    { expect: "Server: [localhost:4064]" },
    { send: "\r" },
    { expect: "Username: [root]" },
    { send: "bob\r" },
    { expect: "Password:" },
    { send: "S3cr3t!x\x7fy\r" },
    { expect: "RESULT" },
  ]);
  assert.equal(result.error, null);
  assert.equal(result.code, 0);
  assert.ok(
    result.output.includes('RESULT server="localhost:4064" user=bob passlen=8'),
    result.output,
  );
  assert.ok(result.output.includes("SHA=expected"), result.output);
  assert.ok(!result.output.includes("S3cr3t"), "the password must never be echoed");
  assert.ok(result.output.includes("Username: [root]bob"), result.output);
  assert.ok(result.echo && result.canonical, "terminal modes restored");
});

Deno.test("a default with control characters is shown escaped and used as it is", async () => {
  const hostile = "evil\x1b]0;pwned\x07:4064";
  const result = await runInPty(command, [
    { expect: "Server: [evil\\x1b]0;pwned\\x07:4064]" },
    { send: "\r" },
    { expect: "Username:" },
    { send: "\r" },
    { expect: "Password:" },
    { send: "S3cr3t!y\r" },
    { expect: "RESULT" },
  ], { env: { ASK_SERVER_DEFAULT: hostile } });
  assert.equal(result.code, 0, result.output);
  assert.ok(!result.output.includes("\x1b]0;pwned"), "no raw escape sequence in the prompt");
  assert.ok(result.output.includes(`RESULT server=${JSON.stringify(hostile)}`), result.output);
});

Deno.test("an empty password asks again; UTF-8 is read whole", async () => {
  const result = await runInPty(command, [
    { expect: "Server:" },
    { send: "h:1\r" },
    { expect: "Username:" },
    { send: "\r" },
    { expect: "Password:" },
    { send: "\r" },
    { expect: "Input required" },
    { expect: "Password:" },
    { send: "pässwörd\r" },
    { expect: "RESULT" },
  ]);
  assert.equal(result.code, 0);
  assert.ok(result.output.includes('RESULT server="h:1" user=root passlen=8'), result.output);
  assert.ok(result.output.includes("SHA=expected"), result.output);
  assert.ok(!result.output.includes("pässwörd"));
});

Deno.test("Ctrl-C at the password prompt exits 130 and restores the terminal", async () => {
  const result = await runInPty(command, [
    { expect: "Server:" },
    { send: "\r" },
    { expect: "Username:" },
    { send: "\r" },
    { expect: "Password:" },
    { send: "abc\x03" },
  ]);
  assert.equal(result.code, 130);
  assert.ok(result.output.includes("Cancelled"), result.output);
  assert.ok(!result.output.includes("abc"));
  assert.ok(result.echo && result.canonical, "terminal modes restored");
});

Deno.test("Ctrl-C at the server prompt exits 130", async () => {
  const result = await runInPty(command, [{ expect: "Server:" }, { send: "\x03" }]);
  assert.equal(result.code, 130);
  assert.ok(result.echo && result.canonical);
});

Deno.test("Ctrl-D (end of input) at each prompt is one line and exit 1", async () => {
  const answers = ["h:1\r", "bob\r"];
  for (const [index, what] of ["server", "username", "password"].entries()) {
    const steps = answers.slice(0, index).flatMap((send) => [{ expect: ":" }, { send }]);
    const result = await runInPty(command, [...steps, { expect: ":" }, { send: "\x04" }]);
    assert.equal(result.error, null, result.output);
    assert.equal(result.code, 1, result.output);
    assert.ok(result.output.endsWith(`no ${what} given (end of input)\r\n`), result.output);
    assert.ok(result.echo && result.canonical, "terminal modes restored");
  }
});

Deno.test("stdin and stderr redirected: the prompts use the controlling terminal", async () => {
  const result = await runInPty(command, [
    { expect: "Server: [localhost:4064]" },
    { send: "h:1\r" },
    { expect: "Username: [root]" },
    { send: "bob\r" },
    { expect: "Password:" },
    { send: "S3cr3t!y\r" },
    { expect: "RESULT" },
  ], { redirect: ["stdin", "stderr"] });
  assert.equal(result.error, null, result.output);
  assert.equal(result.code, 0, result.output);
  assert.ok(result.output.includes('RESULT server="h:1" user=bob passlen=8'), result.output);
  assert.ok(!result.output.includes("S3cr3t"), "the password must never be echoed");
  assert.ok(result.output.includes("Username: [root]bob"), "typed names are echoed");
  assert.ok(result.echo && result.canonical, "terminal modes restored");
});

Deno.test("only stderr redirected (login 2>log): the prompts still reach the terminal", async () => {
  const result = await runInPty(command, [
    { expect: "Server:" },
    { send: "\r" },
    { expect: "Username:" },
    { send: "\r" },
    { expect: "Password:" },
    { send: "pässwörd\r" },
    { expect: "RESULT" },
  ], { redirect: ["stderr"] });
  assert.equal(result.code, 0, result.output);
  assert.ok(result.output.includes("SHA=expected"), result.output);
});

Deno.test("without a controlling terminal a prompt fails at once with exit 8", async () => {
  // setsid: a new session has no controlling terminal, as under cron or in CI.
  const child = new Deno.Command("setsid", {
    args: ["-w", DENO, "run", "-A", ASK],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode("host\nuser\nsecret\n"));
  await writer.close();
  const result = await child.output();
  const stderr = new TextDecoder().decode(result.stderr);
  assert.equal(result.code, 8);
  assert.equal(stderr.trim().split("\n").length, 1);
  assert.match(
    stderr,
    /^cannot prompt for server: no terminal; give the server and user with -s and -u or a connection string/u,
  );
  assert.equal(new TextDecoder().decode(result.stdout), "");
});
