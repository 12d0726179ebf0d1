// End-to-end: `group` and `groups` against the local test server (tcp and ssl).
import assert from "node:assert/strict";
import { startTestServer } from "../../testserver/start.ts";
import { cli } from "../login/cli.ts";

Deno.test("group: show, switch by name and id, refusals; groups lists memberships", async (t) => {
  await using server = await startTestServer();
  const dir = await Deno.makeTempDir({ prefix: "group-" });
  const ssl = `ssl://127.0.0.1:${server.ports.ssl}`;
  const alice = await cli(dir, ["login", "--insecure", "-w", "ome", `alice@${ssl}`]);
  assert.equal(alice.code, 0, alice.stderr);
  const group = (...args: string[]) => cli(dir, ["group", "--insecure", ...args]);

  await t.step("no target: the current group's id on stdout", async () => {
    const result = await cli(dir, ["-q", "group", "--insecure"]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "ExperimenterGroup:3\n");
    assert.equal(result.stderr, "");
  });

  await t.step("switch by name, then by id; the switch lasts for later commands", async () => {
    const byName = await group("imaging");
    assert.equal(byName.code, 0, byName.stderr);
    assert.equal(byName.stdout, "Group 'lab' (id=3) switched to 'imaging' (id=4)\n");
    const shown = await cli(dir, ["-q", "group", "--insecure"]);
    assert.equal(shown.stdout, "ExperimenterGroup:4\n");
    const byId = await group("3");
    assert.equal(byId.stdout, "Group 'imaging' (id=4) switched to 'lab' (id=3)\n");
  });

  await t.step("the active group: a note on stderr, or nothing with -q", async () => {
    const same = await group("lab");
    assert.equal(same.code, 0, same.stderr);
    assert.equal(same.stdout, "");
    assert.match(same.stderr, /\nGroup 'lab' \(id=3\) is already active\n$/);
    const quiet = await cli(dir, ["-q", "group", "--insecure", "lab"]);
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.equal(quiet.stdout + quiet.stderr, "");
  });

  await t.step("unknown name or id: one line, exit 1", async () => {
    for (const target of ["nosuchgroup", "999"]) {
      const result = await cli(dir, ["-q", "group", "--insecure", target]);
      assert.equal(result.code, 1, result.stderr);
      assert.equal(result.stderr, `ApiUsageException: No such group: ${target}\n`);
    }
  });

  await t.step("a group the user is not in: SecurityViolation, exit 7", async () => {
    const result = await cli(dir, ["-q", "group", "--insecure", "public"]);
    assert.equal(result.code, 7, result.stderr);
    assert.match(result.stderr, /^SecurityViolation: .+\n$/);
  });

  await t.step("groups: the memberships, the current one marked", async () => {
    const table = await cli(dir, ["-q", "groups", "--insecure"]);
    assert.equal(table.code, 0, table.stderr);
    assert.equal(
      table.stdout,
      " id | name    | current \n" +
        "----+---------+---------\n" +
        " 1  | user    |         \n" +
        " 3  | lab     | *       \n" +
        " 4  | imaging |         \n" +
        "(3 rows)\n",
    );
    const json = await cli(dir, ["-q", "groups", "--insecure", "--json"]);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), {
      groups: [
        { id: 1, name: "user", current: false },
        { id: 3, name: "lab", current: true },
        { id: 4, name: "imaging", current: false },
      ],
    });
  });

  await t.step("admin over tcp: any group, also one root is not a member of", async () => {
    const rootDir = `${dir}/root`;
    const tcp = `tcp://127.0.0.1:${server.ports.tcp}`;
    assert.equal((await cli(rootDir, ["login", "-q", "-w", "omero", `root@${tcp}`])).code, 0);
    const result = await cli(rootDir, ["-q", "group", "public"]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "Group 'system' (id=0) switched to 'public' (id=5)\n");
  });
  await Deno.remove(dir, { recursive: true });
});
