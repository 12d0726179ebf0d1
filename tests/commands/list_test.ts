// `list` against the local OMERO test server: live rows, purge of sessions the server ended,
// Unreachable rows kept, the current session unchanged, and checks that run in parallel.
import assert from "node:assert/strict";
import { startTestServer } from "../../testserver/start.ts";
import { freePort } from "../../testserver/ports.ts";
import { CHECK_CONCURRENCY, checkStoredSessions } from "../../src/check/session-check.ts";
import { sessionOpener } from "../../src/omero/session.ts";
import type { StoredSession } from "../../src/store/session-store.ts";
import { cli, readStoreFile } from "../login/cli.ts";

const MARKERS = ["._LASTHOST_", "._LASTPORT_"];

function storeDir(userDir: string): string {
  return `${userDir}/sessions`;
}

function markerSnapshot(userDir: string): string[] {
  const read = (path: string) => {
    try {
      return Deno.readTextFileSync(path);
    } catch {
      return "(missing)";
    }
  };
  const host = read(`${storeDir(userDir)}/._LASTHOST_`);
  const hostDir = `${storeDir(userDir)}/${encodeURIComponent(host)}`;
  const user = read(`${hostDir}/._LASTUSER_`);
  return [
    ...MARKERS.map((m) => read(`${storeDir(userDir)}/${m}`)),
    user,
    read(`${hostDir}/${user}/._LASTSESS_`),
  ];
}

/** A session file for a server nobody listens on. */
function writeSession(userDir: string, host: string, user: string, uuid: string, port: number) {
  const dir = `${storeDir(userDir)}/${encodeURIComponent(host)}/${user}`;
  Deno.mkdirSync(dir, { recursive: true, mode: 0o700 });
  Deno.writeTextFileSync(
    `${dir}/${uuid}`,
    `omero.host=${host}\nomero.user=${user}\nomero.port=${port}\nomero.sess=${uuid}\n`,
  );
}

function lastSession(userDir: string, host: string, user: string): string {
  return readStoreFile(userDir, encodeURIComponent(host), user, "._LASTSESS_");
}

Deno.test("list: live rows, closed sessions purged, unreachable kept, current unchanged", async () => {
  await using server = await startTestServer();
  const dir = await Deno.makeTempDir({ prefix: "list-e2e-" });
  const tcp = `tcp://127.0.0.1:${server.ports.tcp}`;
  const ws = `ws://127.0.0.1:${server.ports.ws}`;
  // owner's session is closed on the server but its file is put back: the server says "gone".
  assert.equal((await cli(dir, ["login", "-w", "ome", `owner@${tcp}`])).code, 0);
  const ownerKey = lastSession(dir, "tcp://127.0.0.1", "owner");
  const ownerFile = readStoreFile(dir, encodeURIComponent("tcp://127.0.0.1"), "owner", ownerKey);
  assert.equal((await cli(dir, ["logout"])).code, 0);
  Deno.writeTextFileSync(
    `${storeDir(dir)}/${encodeURIComponent("tcp://127.0.0.1")}/owner/${ownerKey}`,
    ownerFile,
  );
  const deadPort = await freePort();
  const deadKey = "0b9d4a4e-0000-4000-8000-000000000001";
  writeSession(dir, "tcp://127.0.0.1", "carol", deadKey, deadPort);
  for (const target of [`alice@${tcp}`, `bob@${tcp}`, `root@${ws}`]) {
    const login = await cli(dir, [
      "login",
      "-w",
      target.startsWith("root") ? "omero" : "ome",
      target,
    ]);
    assert.equal(login.code, 0, login.stderr);
  }
  const before = markerSnapshot(dir);

  const checked = await cli(dir, ["list", "--no-purge", "--json"]);
  assert.equal(checked.code, 0, checked.stderr);
  const rows = JSON.parse(checked.stdout).sessions;
  const refused = (active: string) => /^Password check failed/.test(active) ? "refused" : active;
  assert.deepEqual(
    rows.map((
      r: Record<string, string>,
    ) => [r.server, r.user, r.group, refused(r.active), r.current]),
    [
      [tcp, "alice", "lab", "True", false],
      [tcp, "bob", "public", "True", false],
      [`tcp://127.0.0.1:${deadPort}`, "carol", null, "Unreachable", false],
      [tcp, "owner", null, "refused", false],
      [ws, "root", "system", "True", true],
    ].sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
  );
  assert.ok(
    rows.filter((r: { active: string }) => r.active === "True").every((r: { started: string }) =>
      !Number.isNaN(Date.parse(r.started))
    ),
  );
  assert.match(checked.stderr, new RegExp(`127\\.0\\.0\\.1:${deadPort}: connection refused`));

  const purged = await cli(dir, ["list"]);
  assert.equal(purged.code, 0, purged.stderr);
  const lines = purged.stdout.split("\n");
  assert.equal(lines.at(-2), "(4 rows)");
  assert.ok(!purged.stdout.includes(ownerKey), "the closed session is purged");
  assert.match(purged.stdout, new RegExp(`${deadKey} \\| Unreachable +\\| Unknown +\\n`));
  assert.match(
    purged.stdout,
    / root +\| system +\| \S+ \| Logged in +\| \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4} /,
  );
  assert.throws(() => readStoreFile(dir, encodeURIComponent("tcp://127.0.0.1"), "owner", ownerKey));
  assert.ok(readStoreFile(dir, encodeURIComponent("tcp://127.0.0.1"), "carol", deadKey));
  assert.deepEqual(markerSnapshot(dir), before, "list never changes the current session");
  await Deno.remove(dir, { recursive: true });
});

/** Rows are ordered by host, then port, then user. */
function sortKey(row: unknown[]): string {
  const server = String(row[0]);
  const [, host, port] = /^(.*):(\d+)$/.exec(server)!;
  return `${host} ${port.padStart(5, "0")} ${row[1]}`;
}

Deno.test("checks run in parallel, at most CHECK_CONCURRENCY at once, across servers", async () => {
  await using server = await startTestServer();
  const open = sessionOpener({
    agent: "OMERO.sessions",
    connectTimeoutMs: 5000,
    callTimeoutMs: 20_000,
    trust: () => ({ mode: "insecure" }),
  });
  const alice = await open(
    { host: "127.0.0.1", port: server.ports.tcp, transport: "tcp" },
    { user: "alice", password: "ome" },
    {},
  );
  const deadPort = await freePort();
  const stored = (host: string, port: number): StoredSession => ({
    host,
    user: "alice",
    uuid: alice.uuid,
    path: "",
    props: new Map([["omero.host", host], ["omero.port", String(port)]]),
  });
  const sessions = Array.from(
    { length: 24 },
    (_, i) =>
      i % 3 === 0
        ? stored("tcp://127.0.0.1", server.ports.tcp)
        : i % 3 === 1
        ? stored("ws://127.0.0.1", server.ports.ws)
        : stored("tcp://127.0.0.1", deadPort),
  );
  let inFlight = 0;
  let most = 0;
  let opened = 0;
  const counting: typeof open = async (...args) => {
    opened++;
    most = Math.max(most, ++inFlight);
    try {
      return await open(...args);
    } finally {
      inFlight--;
    }
  };
  let settled = 0;
  const checks = await checkStoredSessions(sessions, counting, () => settled++);
  await alice.release();
  assert.equal(opened, sessions.length, "one join per stored session");
  assert.equal(settled, sessions.length);
  assert.equal(most, CHECK_CONCURRENCY, "the first CHECK_CONCURRENCY joins are all in flight");
  assert.deepEqual(
    checks.map((c) => c.state),
    sessions.map((_, i) => (i % 3 === 2 ? "unreachable" : "alive")),
  );
});
