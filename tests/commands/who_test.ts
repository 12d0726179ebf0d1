// End-to-end: `who` against the local test server, as admin and as a plain user, tcp and wss.
import assert from "node:assert/strict";
import { startTestServer } from "../../testserver/start.ts";
import { cli } from "../login/cli.ts";

const TABLE_HEADER = /^ name +\| group +\| logged in +\| agent +\| timeout +(\| uuid +)?\n/;

Deno.test("who: admins see every session, users see --- for others'", async (t) => {
  await using server = await startTestServer();
  const dir = await Deno.makeTempDir({ prefix: "who-" });
  const tcp = `tcp://127.0.0.1:${server.ports.tcp}`;
  const login = (user: string, password: string, userDir: string, target = tcp) =>
    cli(userDir, ["login", "-q", "--insecure", "-w", password, `${user}@${target}`]);
  const bobDir = `${dir}/bob`;
  assert.equal((await login("bob", "ome", bobDir)).code, 0);
  assert.equal((await login("root", "omero", dir)).code, 0);

  await t.step("admin over tcp: every session, ours marked, uuids on request", async () => {
    const result = await cli(dir, ["who", "--show-uuid"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^Using session for root@/);
    assert.match(result.stdout, TABLE_HEADER);
    const lines = result.stdout.split("\n");
    const root = lines.find((line) => line.startsWith(" root "))!;
    const bob = lines.find((line) => line.startsWith(" bob "))!;
    assert.match(root, /\| \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(\*\) \| OMERO\.sessions \| 10 min\. /);
    assert.match(bob, /\| \d{4}-\d\d-\d\d \d\d:\d\d:\d\d +\| OMERO\.sessions \| 10 min\. /);
    assert.match(bob, /[0-9a-f]{8}-[0-9a-f]{4}-/);
    assert.match(result.stdout, /\n\(\d+ rows\)\n$/);
  });

  await t.step("plain user over wss: others' details are ---", async () => {
    const wss = `wss://127.0.0.1:${server.ports.wss}`;
    assert.equal((await login("bob", "ome", bobDir, wss)).code, 0);
    const result = await cli(bobDir, ["-q", "who", "--insecure"]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    const root = result.stdout.split("\n").find((line) => line.startsWith(" root "))!;
    assert.match(root, /^ root +\| system +\| --- +\| --- +\| --- +$/);
    assert.match(result.stdout, /^ bob +\| public +\| \S+ \S+ \(\*\)/m);
  });

  await t.step("--json: one document with stable keys", async () => {
    const result = await cli(dir, ["-q", "who", "--json"]);
    assert.equal(result.code, 0, result.stderr);
    const { sessions } = JSON.parse(result.stdout);
    const ours = sessions.filter((s: { current: boolean }) => s.current);
    assert.equal(ours.length, 1);
    assert.deepEqual(Object.keys(ours[0]), [
      "user",
      "group",
      "current",
      "started",
      "agent",
      "timeToIdleSeconds",
      "uuid",
      "data",
    ]);
    assert.equal(ours[0].user, "root");
    assert.equal(ours[0].timeToIdleSeconds, 600);
    assert.equal(ours[0].uuid, null);
  });

  await t.step("no current session and no terminal: exit 8, nothing on stdout", async () => {
    const result = await cli(`${dir}/empty`, ["who"]);
    assert.equal(result.code, 8, result.stderr);
    assert.equal(result.stdout, "");
  });
  await Deno.remove(dir, { recursive: true });
});
