// Permissions, corrupt files, read-only stores: clear messages, and nothing is ever deleted.
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SessionStore } from "../../src/store/session-store.ts";
import { StoreError } from "../../src/store/store-errors.ts";
import { buildLoginProps } from "../../src/store/session-file.ts";
import {
  copyFixtureStore,
  countSessionFiles,
  FIXTURE,
  runDeno,
  tempDir,
} from "../fixtures/fixture-store.ts";

const WORKER = fileURLToPath(new URL("../fixtures/store-worker.ts", import.meta.url));
const mode = (path: string) => Deno.statSync(path).mode! & 0o777;

Deno.test("files are created 0600 and directories 0700, temp files included", () => {
  using tmp = tempDir();
  const dir = join(tmp.path, "a", "sessions");
  const store = new SessionStore(dir);
  const path = store.add("wss://h/x", "u", "k", buildLoginProps({ host: "wss://h/x", user: "u" }));
  store.setCurrent("wss://h/x", "u", "k");
  assert.equal(mode(path), 0o600);
  for (const marker of ["._LASTHOST_", "._LASTPORT_"]) assert.equal(mode(join(dir, marker)), 0o600);
  for (const d of [join(tmp.path, "a"), dir, join(path, ".."), join(path, "../..")]) {
    assert.equal(mode(d), 0o700, d);
  }
});

Deno.test("a store readable by others is reported once, with the fix", () => {
  using tmp = tempDir();
  const dir = join(tmp.path, "open-store");
  Deno.mkdirSync(dir, { mode: 0o755 });
  Deno.chmodSync(dir, 0o755);
  const warnings: string[] = [];
  new SessionStore(dir, { warn: (line) => warnings.push(line) });
  new SessionStore(dir, { warn: (line) => warnings.push(line) });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /accessible by other users \(mode 755\); fix: chmod 700 /u);
  assert.equal(mode(dir), 0o755, "we warn; we do not silently change the user's modes");
});

Deno.test("corrupt, truncated and foreign files are reported with their path and kept", () => {
  using tmp = tempDir();
  const dir = copyFixtureStore(tmp.path);
  const userDir = join(dir, "localhost", "root");
  const bad: Record<string, Uint8Array | string> = {
    "not-utf8": new Uint8Array([0x6f, 0xff, 0xfe, 0x3d]),
    "nul-bytes": "omero.sess=nul-bytes\0\n",
    "truncated": "omero.host=localhost\nomero.us",
    "empty": "",
    "huge": "x".repeat(100_000),
  };
  for (const [name, content] of Object.entries(bad)) {
    const path = join(userDir, name);
    if (typeof content === "string") Deno.writeTextFileSync(path, content);
    else Deno.writeFileSync(path, content);
  }
  Deno.writeTextFileSync(join(dir, "localhost", "._LASTUSER_"), "../../etc");
  const warnings: string[] = [];
  const store = new SessionStore(dir, { warn: (line) => warnings.push(line) });
  assert.equal(store.contents().length, 5);
  store.contents(); // reported once only
  assert.equal(store.getCurrent().user, undefined);
  assert.equal(warnings.length, Object.keys(bad).length + 1, warnings.join("\n"));
  for (const name of Object.keys(bad)) {
    assert.ok(warnings.some((w) => w.includes(join(userDir, name))), name);
    assert.ok(Deno.statSync(join(userDir, name)).isFile, `${name} must not be deleted`);
  }
  assert.equal(countSessionFiles(store), 10);
});

Deno.test("unreadable files and a read-only store: clear errors, nothing deleted", async () => {
  using tmp = tempDir();
  Deno.chmodSync(tmp.path, 0o755);
  const dir = copyFixtureStore(tmp.path);
  const { host, user, uuid } = FIXTURE.current;
  const unreadable = join(dir, "localhost", "root", uuid);
  Deno.chmodSync(unreadable, 0o000);
  for (const d of [dir, join(dir, "localhost"), join(dir, "localhost", "root")]) {
    Deno.chmodSync(d, 0o555);
  }
  // Everything readable by `nobody` except the one session file.
  for (const entry of Deno.readDirSync(dir)) {
    if (entry.isDirectory && entry.name !== "localhost") {
      await new Deno.Command("chmod", { args: ["-R", "a+rX", join(dir, entry.name)] }).output();
    }
  }
  await new Deno.Command("chmod", {
    args: [
      "a+r",
      join(dir, "._LASTHOST_"),
      join(dir, "._LASTPORT_"),
      join(dir, "localhost", "._LASTUSER_"),
      join(dir, "localhost", "root", "._LASTSESS_"),
    ],
  }).output();

  const listed = await runDeno([WORKER, dir, "contents"], { asNobody: true });
  assert.equal(listed.code, 0, listed.stderr);
  assert.equal(JSON.parse(listed.stdout).length, 4);
  assert.match(listed.stderr, new RegExp(`skipping ${unreadable}: cannot read: Permission denied`));

  const added = await runDeno([WORKER, dir, "add-one", host, user, "new-key"], { asNobody: true });
  assert.equal(added.code, 1);
  assert.match(added.stderr, /cannot write .*localhost\/root\/new-key: Permission denied/u);
  assert.doesNotMatch(added.stderr, /^\s+at /mu, "no stack trace");

  Deno.chmodSync(unreadable, 0o600);
  for (const d of [dir, join(dir, "localhost"), join(dir, "localhost", "root")]) {
    Deno.chmodSync(d, 0o700);
  }
  const store = new SessionStore(dir);
  assert.equal(countSessionFiles(store), 5, "nothing deleted");
  assert.deepEqual(
    [...Deno.readDirSync(join(dir, "localhost", "root"))].map((e) => e.name).sort(),
    ["._LASTSESS_", uuid],
  );
});

Deno.test("a store path that is not a directory gives a store error, not a crash", () => {
  using tmp = tempDir();
  const file = join(tmp.path, "file");
  Deno.writeTextFileSync(file, "x");
  const store = new SessionStore(join(file, "sessions"));
  assert.deepEqual(store.contents(), []);
  assert.throws(
    () => store.add("h", "u", "k", buildLoginProps({ host: "h", user: "u" })),
    (error: unknown) =>
      error instanceof StoreError && /cannot write .*file\/sessions/u.test(error.message),
  );
  assert.equal(Deno.readTextFileSync(file), "x");
});
