// End-to-end through a real pseudo-terminal: the Server/Username/Password prompts, three wrong
// passwords, and a wrong -w password followed by the right one typed at the prompt. The
// password typed never appears in what the terminal showed.
import assert from "node:assert/strict";
import { startTestServer } from "../../testserver/start.ts";
import { DENO, type PtyStep, runInPty } from "../prompt/pty.ts";
import { loginTempDir, MAIN, markers } from "./cli.ts";

const SECRET = "Zq9-tty-secret";
const FIXTURES = {
  groups: [{ id: 20, name: "ttylab", permissions: "rw----" }],
  users: [{
    id: 20,
    name: "carol",
    password: SECRET,
    groups: ["ttylab", "user"],
    defaultGroup: "ttylab",
    owns: [],
    admin: false,
    privileges: [],
  }],
};

Deno.test("login on a terminal", async (t) => {
  const fixtures = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeTextFile(fixtures, JSON.stringify(FIXTURES));
  await using server = await startTestServer({ fixturesFile: fixtures });
  const url = `tcp://127.0.0.1:${server.ports.tcp}`;
  const dirs: string[] = [];
  const inPty = async (args: string[], steps: PtyStep[]) => {
    dirs.push(await loginTempDir());
    const result = await runInPty([DENO, "run", "-A", MAIN, "login", ...args], steps, {
      env: { OMERO_USERDIR: dirs.at(-1)!, NO_COLOR: "1", LOGNAME: "tester" },
    });
    assert.equal(result.error, null, result.output);
    assert.ok(!result.output.includes(SECRET), `password echoed:\n${result.output}`);
    assert.ok(result.echo && result.canonical, "terminal modes restored");
    return result;
  };

  try {
    await t.step("Server, Username and Password prompts answered", async () => {
      const result = await inPty([], [
        { expect: "Server: [localhost:4064]" },
        { send: `${url}\r` },
        { expect: "Username: [tester]" },
        { send: "carol\r" },
        { expect: "Password:" },
        { send: `${SECRET}\r` },
        { expect: "Current group: ttylab" },
      ]);
      assert.equal(result.code, 0, result.output);
      assert.match(result.output, /Created session for carol@tcp:\/\/127\.0\.0\.1:\d+\. /);
      assert.equal(markers(dirs.at(-1)!).user, "carol");
    });

    await t.step("three wrong passwords: exit 3", async () => {
      const steps: PtyStep[] = [];
      for (let i = 0; i < 3; i++) steps.push({ expect: "Password:" }, { send: `wrong${i}\r` });
      steps.push({ expect: "3 incorrect password attempts" });
      const result = await inPty([`carol@${url}`], steps);
      assert.equal(result.code, 3, result.output);
      assert.equal(result.output.match(/Password check failed for 'carol'/g)?.length, 2);
      assert.ok(!/wrong\d/.test(result.output), result.output);
    });

    await t.step("a wrong -w password, then the right one at the prompt", async () => {
      const result = await inPty(["-w", "not-it", `carol@${url}`], [
        { expect: "Password check failed for 'carol'" },
        { expect: "Password:" },
        { send: `${SECRET}\r` },
        { expect: "Current group: ttylab" },
      ]);
      assert.equal(result.code, 0, result.output);
      assert.match(result.output, /Created session for carol@/);
    });
  } finally {
    for (const dir of dirs) await Deno.remove(dir, { recursive: true });
    await Deno.remove(fixtures);
  }
});
