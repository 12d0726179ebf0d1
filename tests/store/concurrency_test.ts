// Dozens of processes writing one store at once lose nothing and corrupt nothing.
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SessionStore } from "../../src/store/session-store.ts";
import { countSessionFiles, runDeno, tempDir } from "../fixtures/fixture-store.ts";

const WORKER = fileURLToPath(new URL("../fixtures/store-worker.ts", import.meta.url));
const PROCESSES = 36;
const SESSIONS_EACH = 4;

Deno.test(`${PROCESSES} processes adding sessions and setting current at once`, async () => {
  using tmp = tempDir();
  const dir = join(tmp.path, "sessions");
  const results = await Promise.all(
    Array.from(
      { length: PROCESSES },
      (_, index) => runDeno([WORKER, dir, "add", String(index), String(SESSIONS_EACH)]),
    ),
  );
  for (const result of results) assert.equal(result.code, 0, result.stderr);

  const warnings: string[] = [];
  const store = new SessionStore(dir, { warn: (line) => warnings.push(line) });
  const sessions = store.contents();
  assert.deepEqual(warnings, []);
  assert.equal(countSessionFiles(store), PROCESSES * SESSIONS_EACH);
  assert.equal(sessions.length, PROCESSES * SESSIONS_EACH);
  for (const session of sessions) {
    assert.equal(session.props.get("omero.host"), session.host);
    assert.equal(session.props.get("omero.user"), session.user);
    assert.equal(session.props.get("omero.port"), "4064");
  }
  const perWorker = Map.groupBy(sessions, (s) => s.uuid.slice(0, 4));
  assert.equal(perWorker.size, PROCESSES);
  for (const group of perWorker.values()) assert.equal(group.length, SESSIONS_EACH);

  const current = store.getCurrent();
  assert.ok(current.host && current.user && current.uuid, JSON.stringify(current));
  assert.ok(store.exists(current.host, current.user, current.uuid));
  // Every per-host and per-user marker names something that exists.
  for (const { host, user } of sessions) {
    const lastSess = join(store.sessionPath(host, user, "x"), "..", "._LASTSESS_");
    assert.ok(store.exists(host, user, Deno.readTextFileSync(lastSess)));
  }
  const leftovers = [...Deno.readDirSync(dir)].filter((e) => e.name.endsWith(".tmp"));
  assert.deepEqual(leftovers, []);
});
