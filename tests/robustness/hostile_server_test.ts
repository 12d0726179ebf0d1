// A server that sends escape sequences and line breaks in names, agents, reasons and session
// keys (the test server's `hostile` fixtures, testserver/hostile.json). Nothing of it may reach
// the terminal raw, `--json` keeps the exact strings, and nothing of it is written to the store.
import assert from "node:assert/strict";
import { startTestServer } from "../../testserver/start.ts";
import { filesBelow } from "../fixtures/fixture-store.ts";
import { cli, type CliResult } from "../login/cli.ts";

const TITLE_GROUP = "\x1b[2J\x1b]0;pwned\x07";
const TITLE_GROUP_SHOWN = "\\x1b[2J\\x1b]0;pwned\\x07";
const LINE_GROUP = "lab\r\n\x9b31mfake\x7f";
const LINE_GROUP_SHOWN = "lab\\r\\n\\x9b31mfake\\x7f";
const AGENT_SHOWN = "\\x1b]0;agent\\x07OMERO.evil\\nroot OMERO.insight";
const VERSION = "5.6.10\x1b]0;v\x07";

/** No control character but the line breaks we print ourselves. */
function assertNoRawControls(result: CliResult) {
  for (const [name, text] of [["stdout", result.stdout], ["stderr", result.stderr]]) {
    // deno-lint-ignore no-control-regex -- looking for control characters is the point
    const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u.exec(text);
    assert.equal(
      raw,
      null,
      `${name} has a raw ${JSON.stringify(raw?.[0])}: ${JSON.stringify(text)}`,
    );
  }
}

/** Lines of a table or message: none may be added by a value. */
function lines(text: string): string[] {
  return text.trimEnd().split("\n");
}

Deno.test("hostile server: control characters are escaped in every output, exact in --json", async (t) => {
  await using server = await startTestServer({ hostile: true, version: VERSION });
  const dir = await Deno.makeTempDir({ prefix: "hostile-" });
  const tcp = `tcp://127.0.0.1:${server.ports.tcp}`;
  try {
    await t.step("login banner", async () => {
      const result = await cli(dir, ["login", "-w", "pw", `mallory@${tcp}`]);
      assert.equal(result.code, 0, result.stderr);
      assertNoRawControls(result);
      assert.equal(
        result.stderr,
        `Created session for mallory@${tcp}. Idle timeout: 10 min. ` +
          `Current group: ${TITLE_GROUP_SHOWN}\n`,
      );
    });

    await t.step("groups: table escaped, JSON exact", async () => {
      const table = await cli(dir, ["-q", "groups"]);
      assert.equal(table.code, 0, table.stderr);
      assertNoRawControls(table);
      assert.equal(lines(table.stdout).length, 2 + 3 + 1, table.stdout);
      assert.ok(table.stdout.includes(` ${TITLE_GROUP_SHOWN} | *`), table.stdout);
      assert.ok(table.stdout.includes(` ${LINE_GROUP_SHOWN} `), table.stdout);
      const json = await cli(dir, ["-q", "groups", "--json"]);
      assertNoRawControls(json);
      const names = JSON.parse(json.stdout).groups.map((g: { name: string }) => g.name);
      assert.deepEqual(names, ["user", TITLE_GROUP, LINE_GROUP]);
    });

    await t.step("who: group and agent escaped, JSON exact", async () => {
      const table = await cli(dir, ["-q", "who"]);
      assert.equal(table.code, 0, table.stderr);
      assertNoRawControls(table);
      assert.equal(lines(table.stdout).length, 2 + 2 + 1, table.stdout);
      assert.ok(table.stdout.includes(AGENT_SHOWN), table.stdout);
      assert.ok(table.stdout.includes(TITLE_GROUP_SHOWN), table.stdout);
      const json = await cli(dir, ["-q", "who", "--json"]);
      assertNoRawControls(json);
      const sessions = JSON.parse(json.stdout).sessions;
      assert.ok(sessions.some((s: { agent: string }) => s.agent.includes("\x07OMERO.evil\nroot")));
      assert.ok(sessions.every((s: { group: string }) => s.group === TITLE_GROUP));
    });

    await t.step("list: the live group escaped, JSON exact", async () => {
      const table = await cli(dir, ["list"]);
      assert.equal(table.code, 0, table.stderr);
      assertNoRawControls(table);
      assert.equal(lines(table.stdout).length, 2 + 1 + 1, table.stdout);
      assert.ok(table.stdout.includes(TITLE_GROUP_SHOWN), table.stdout);
      const json = await cli(dir, ["list", "--json"]);
      assertNoRawControls(json);
      assert.equal(JSON.parse(json.stdout).sessions[0].group, TITLE_GROUP);
    });

    await t.step("status: escaped, JSON exact", async () => {
      const text = await cli(dir, ["status"]);
      assert.equal(text.code, 0, text.stderr);
      assertNoRawControls(text);
      assert.match(text.stdout, new RegExp(`^Group: +${RegExp.escape(TITLE_GROUP_SHOWN)}$`, "m"));
      const json = await cli(dir, ["status", "--json"]);
      assertNoRawControls(json);
      assert.equal(JSON.parse(json.stdout).group, TITLE_GROUP);
    });

    await t.step("version: the server's version escaped, JSON exact", async () => {
      const text = await cli(dir, ["version"]);
      assert.equal(text.code, 0, text.stderr);
      assertNoRawControls(text);
      assert.match(text.stdout, /OMERO 5\.6\.10\\x1b\]0;v\\x07\n$/);
      const json = await cli(dir, ["version", "--json"]);
      assertNoRawControls(json);
      assert.equal(JSON.parse(json.stdout).server.version, VERSION);
    });

    await t.step("group: switching names both groups escaped", async () => {
      const result = await cli(dir, ["-q", "group", "67"]);
      assert.equal(result.code, 0, result.stderr);
      assertNoRawControls(result);
      assert.equal(
        result.stdout,
        `Group '${TITLE_GROUP_SHOWN}' (id=66) switched to '${LINE_GROUP_SHOWN}' (id=67)\n`,
      );
    });

    await t.step("the server's reason for a wrong password: one escaped line", async () => {
      const result = await cli(dir, ["login", "-C", "-w", "wrong", `mallory@${tcp}`]);
      assert.equal(result.code, 3, result.stderr);
      assertNoRawControls(result);
      assert.equal(
        result.stderr,
        `${TITLE_GROUP_SHOWN}wrong password for 'mallory': [id=66]\n`,
      );
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("hostile server: a user name or session key with control characters is refused, nothing is written, the session is closed", async (t) => {
  await using server = await startTestServer({ hostile: true });
  const dir = await Deno.makeTempDir({ prefix: "hostile-store-" });
  const tcp = `tcp://127.0.0.1:${server.ports.tcp}`;
  const rootDir = `${dir}/root`;
  try {
    assert.equal((await cli(rootDir, ["login", "-q", "-w", "omero", `root@${tcp}`])).code, 0);
    const serverSessionsOf = async (user: string) => {
      const who = await cli(rootDir, ["-q", "who", "--json"]);
      assert.equal(who.code, 0, who.stderr);
      return JSON.parse(who.stdout).sessions.filter((s: { user: string }) => s.user === user);
    };

    const cases = [
      {
        login: "carol",
        reported: "carol\nomero.sudo=root",
        what: /user name "carol\\nomero\.sudo=root"/,
      },
      { login: "trudy", reported: "trudy", what: /session key "\\x1b\]0;pwned\\x07[0-9a-f-]+"/ },
    ];
    for (const { login, reported, what } of cases) {
      await t.step(login, async () => {
        const userDir = `${dir}/${login}`;
        const result = await cli(userDir, ["login", "-w", "pw", `${login}@${tcp}`]);
        assert.equal(result.code, 1, result.stderr);
        assertNoRawControls(result);
        assert.equal(lines(result.stderr).length, 1, result.stderr);
        assert.match(result.stderr, /^refusing to store /);
        assert.match(result.stderr, what);
        assert.match(result.stderr, /control characters/);
        assert.equal(result.stdout, "");
        assert.deepEqual(filesBelow(`${userDir}/sessions`), [], "nothing written to the store");
        assert.deepEqual(await serverSessionsOf(reported), [], "no session left on the server");
      });
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a session file with control characters in its values: list --offline shows them escaped", async () => {
  const dir = await Deno.makeTempDir({ prefix: "hostile-file-" });
  try {
    const uuid = "97db5b88-5d7e-40f8-883b-17cf549f6126";
    const userDir = `${dir}/sessions/localhost/root`;
    await Deno.mkdir(userDir, { recursive: true, mode: 0o700 });
    await Deno.writeTextFile(
      `${userDir}/${uuid}`,
      `omero.group=${TITLE_GROUP}\nomero.host=localhost\nomero.user=root\nomero.port=4064\x1b[31m\n` +
        `omero.sess=${uuid}\n`,
    );
    const table = await cli(dir, ["list", "--offline"]);
    assert.equal(table.code, 0, table.stderr);
    assertNoRawControls(table);
    assert.ok(table.stdout.includes(TITLE_GROUP_SHOWN), table.stdout);
    assert.ok(table.stdout.includes("localhost:4064\\x1b[31m"), table.stdout);
    const json = await cli(dir, ["list", "--offline", "--json"]);
    assertNoRawControls(json);
    assert.equal(JSON.parse(json.stdout).sessions[0].group, TITLE_GROUP);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
