// End-to-end: `group list` and `group info` print omero-py's group-plugin table. The expected
// texts are what omero-py's TableBuilder prints for the test server's groups (derived by running
// its `omero.util.text` on the same rows).
import assert from "node:assert/strict";
import { startTestServer } from "../../testserver/start.ts";
import { cli } from "../login/cli.ts";

const COUNTS = " id | name    | perms  | ldap  | # of owners | # of members \n" +
  "----+---------+--------+-------+-------------+--------------\n" +
  " 0  | system  | rw---- | False | 0           | 1            \n" +
  " 1  | user    | rwr--- | False | 0           | 4            \n" +
  " 2  | guest   | rw---- | False | 0           | 0            \n" +
  " 3  | lab     | rwra-- | False | 1           | 1            \n" +
  " 4  | imaging | rw---- | True  | 0           | 1            \n" +
  " 5  | public  | rwr--- | False | 0           | 1            \n" +
  " 10 | 3       | rwrw-- | False | 0           | 0            \n" +
  "(7 rows)\n";

const LONG_CSV = "id,name,perms,ldap,owner ids,member ids\n" +
  "0,system,rw----,False,,0\n" +
  '1,user,rwr---,False,,"0,2,3,4"\n' +
  "2,guest,rw----,False,,\n" +
  "3,lab,rwra--,False,2,3\n" +
  "4,imaging,rw----,True,,3\n" +
  "5,public,rwr---,False,,4\n" +
  "10,3,rwrw--,False,,\n";

Deno.test("group list and group info: omero-py's group table", async (t) => {
  // A group named like another group's id: `group info 3` cannot tell which is meant.
  const fixtures = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeTextFile(
    fixtures,
    JSON.stringify({ groups: [{ id: 10, name: "3", permissions: "rwrw--" }] }),
  );
  await using server = await startTestServer({ fixturesFile: fixtures });
  const dir = await Deno.makeTempDir({ prefix: "group-list-" });
  const tcp = `tcp://127.0.0.1:${server.ports.tcp}`;
  const login = await cli(dir, ["login", "-q", "-w", "ome", `alice@${tcp}`]);
  assert.equal(login.code, 0, login.stderr);
  const group = (...args: string[]) => cli(dir, ["-q", "group", ...args]);

  await t.step("list: every group, sorted by id, owner and member counts", async () => {
    const result = await group("list");
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, "");
    assert.equal(result.stdout, COUNTS);
    const counted = await group("list", "--count", "--sort-by-id", "--style", "sql");
    assert.equal(counted.stdout, COUNTS);
  });

  await t.step("list --long --style csv|plain: the ids, comma-separated", async () => {
    const csv = await group("list", "--long", "--style", "csv");
    assert.equal(csv.code, 0, csv.stderr);
    assert.equal(csv.stdout, LONG_CSV);
    const plain = await group("list", "--long", "--style", "plain");
    assert.equal(plain.stdout, LONG_CSV.slice(LONG_CSV.indexOf("\n") + 1));
  });

  await t.step("list --sort-by-name --style json: omero-py's json rows", async () => {
    const result = await group("list", "--sort-by-name", "--style", "json");
    assert.equal(result.code, 0, result.stderr);
    const row = (id: number, name: string, perms: string, ldap: string, own: number, n: number) =>
      `{"id": "${id}", "name": "${name}", "perms": "${perms}", "ldap": "${ldap}", ` +
      `"# of owners": "${own}", "# of members": "${n}"}`;
    assert.equal(
      result.stdout,
      `[${row(10, "3", "rwrw--", "False", 0, 0)},\n` +
        `${row(2, "guest", "rw----", "False", 0, 0)},\n` +
        `${row(4, "imaging", "rw----", "True", 0, 1)},\n` +
        `${row(3, "lab", "rwra--", "False", 1, 1)},\n` +
        `${row(5, "public", "rwr---", "False", 0, 1)},\n` +
        `${row(0, "system", "rw----", "False", 0, 1)},\n` +
        `${row(1, "user", "rwr---", "False", 0, 4)}]\n`,
    );
  });

  await t.step("list --json: our document with typed values", async () => {
    const result = await group("list", "--json");
    assert.equal(result.code, 0, result.stderr);
    const { groups } = JSON.parse(result.stdout);
    assert.equal(groups.length, 7);
    assert.deepEqual(groups[3], {
      id: 3,
      name: "lab",
      permissions: "rwra--",
      ldap: false,
      ownerIds: [2],
      memberIds: [3],
    });
  });

  await t.step("info: the session's group by default; ids and names", async () => {
    const current = await group("info");
    assert.equal(current.code, 0, current.stderr);
    assert.equal(
      current.stdout,
      " id | name | perms  | ldap  | # of owners | # of members \n" +
        "----+------+--------+-------+-------------+--------------\n" +
        " 3  | lab  | rwra-- | False | 1           | 1            \n" +
        "(1 row)\n",
    );
    const some = await group("info", "imaging", "5", "--group-name", "user", "--long");
    assert.equal(some.code, 0, some.stderr);
    assert.equal(
      some.stdout,
      " id | name    | perms  | ldap  | owner ids | member ids \n" +
        "----+---------+--------+-------+-----------+------------\n" +
        " 1  | user    | rwr--- | False |           | 0,2,3,4    \n" +
        " 4  | imaging | rw---- | True  |           | 3          \n" +
        " 5  | public  | rwr--- | False |           | 4          \n" +
        "(3 rows)\n",
    );
  });

  await t.step("info: unknown groups on stderr; none found fails", async () => {
    const partly = await group("info", "nosuch", "--group-id", "x", "3");
    assert.equal(partly.code, 0, partly.stderr);
    assert.equal(partly.stderr, "Unknown group: nosuch\nNot a valid group ID: x\n");
    assert.match(partly.stdout, /^ 3 {2}\| lab /m);
    const none = await group("info", "nosuch", "--group-id", "99");
    assert.equal(none.code, 1);
    assert.equal(none.stdout, "");
    assert.equal(none.stderr, "Unknown group: nosuch\nUnknown group: 99\nNo group found\n");
  });

  await t.step("info: a name that is another group's id is ambiguous", async () => {
    const result = await group("info", "3");
    assert.equal(result.code, 1);
    assert.equal(result.stderr, "Ambiguous group identifier: 3\nNo group found\n");
    const byName = await group("info", "--group-name", "3");
    assert.match(byName.stdout, /^ 10 \| 3 /m);
  });

  await t.step("--long with --count, or both sorts: a usage error", async () => {
    for (const args of [["--long", "--count"], ["--sort-by-id", "--sort-by-name"]]) {
      const result = await group("list", ...args);
      assert.equal(result.code, 2, result.stderr);
      assert.equal(result.stdout, "");
    }
  });

  await t.step("sessions group list switches to a group named list, as in omero-py", async () => {
    const result = await cli(dir, ["-q", "sessions", "group", "list"]);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, "ApiUsageException: No such group: list\n");
  });
  await Deno.remove(dir, { recursive: true });
  await Deno.remove(fixtures);
});
