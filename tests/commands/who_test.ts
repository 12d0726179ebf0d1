// End-to-end: `who` against the local test server, as admin and as a plain user, tcp and wss.
import assert from "node:assert/strict";
import { startTestServer } from "../../testserver/start.ts";
import { cli } from "../login/cli.ts";

const TABLE_HEADER =
  /^ name +\| group +\| logged in +\| agent +\| timeout +(\| uuid +)?\| hitCount +\| lastAccessTime +\n/;

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
    assert.match(root, /^ root +\| system +(\| --- +){5}$/);
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

  await t.step("no current session and no terminal: exit 4, 'log in first'", async () => {
    for (const args of [["who"], ["groups"], ["group", "lab"], ["sessions", "timeout"]]) {
      const result = await cli(`${dir}/empty`, args);
      assert.equal(result.code, 4, result.stderr);
      assert.equal(result.stdout, "");
      assert.equal(
        result.stderr,
        "no current session: log in first with `omero-sessions login`\n",
        args.join(" "),
      );
    }
  });
  await Deno.remove(dir, { recursive: true });
});

Deno.test("who: the server's extra data as omero-py prints it (maps, lists, floats, objects)", async () => {
  const fixtures = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeTextFile(
    fixtures,
    JSON.stringify({
      sessionData: {
        callContext: { map: { "omero.group": { string: "lab" }, "it's": { int: 3 } } },
        tags: { list: [{ long: 1 }, { string: "a" }, null, { bool: true }, { double: 2.5 }] },
        ids: { set: [{ long: 7 }] },
        ratio: { float: 1 },
        nothing: null,
        owner: { object: { group: 3 } },
        startTime: { long: 0 },
        endTime: { long: 9e15 },
      },
    }),
  );
  await using server = await startTestServer({ fixturesFile: fixtures });
  const dir = await Deno.makeTempDir({ prefix: "who-data-" });
  try {
    const tcp = `tcp://127.0.0.1:${server.ports.tcp}`;
    assert.equal((await cli(dir, ["login", "-q", "-w", "ome", `alice@${tcp}`])).code, 0);
    const table = await cli(dir, ["-q", "who"]);
    assert.equal(table.code, 0, table.stderr);
    const [header, , row] = table.stdout.split("\n");
    const cells = (line: string) => line.split("|").map((cell) => cell.trim());
    const byColumn = Object.fromEntries(cells(header).map((name, i) => [name, cells(row)[i]]));
    assert.equal(byColumn.callContext, `{'omero.group': 'lab', "it's": 3}`);
    assert.equal(byColumn.tags, "[1, 'a', None, True, 2.5]");
    assert.equal(byColumn.ids, "[7]");
    assert.equal(byColumn.ratio, "1.0");
    assert.equal(byColumn.nothing, "None");
    assert.equal(byColumn.owner, "ExperimenterGroup:3");
    assert.match(byColumn.hitCount, /^\d+$/);
    assert.match(byColumn.lastAccessTime, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.match(byColumn.startTime, /^19(69|70)-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.equal(byColumn.endTime, "9000000000000000");

    const json = await cli(dir, ["-q", "who", "--json"]);
    assert.equal(json.code, 0, json.stderr);
    const { data } = JSON.parse(json.stdout).sessions[0];
    assert.deepEqual(data.callContext, { "omero.group": "lab", "it's": 3 });
    assert.deepEqual(data.tags, [1, "a", null, true, 2.5]);
    assert.deepEqual(data.owner, { type: "ExperimenterGroup", id: 3 });
    assert.equal(data.nothing, null);
    assert.equal(data.ratio, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(fixtures);
  }
});
