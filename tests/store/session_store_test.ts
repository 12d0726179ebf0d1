// The store operations login relies on (as omero-py's TestStore tests them).
import assert from "node:assert/strict";
import { join } from "node:path";
import { describeConflicts, SessionStore } from "../../src/store/session-store.ts";
import { SessionNotFoundError, StoreError } from "../../src/store/store-errors.ts";
import { buildLoginProps } from "../../src/store/session-file.ts";
import { countSessionFiles, tempDir } from "../fixtures/fixture-store.ts";

function withStore(test: (store: SessionStore) => void): () => void {
  return () => {
    using tmp = tempDir();
    test(new SessionStore(join(tmp.path, "sessions"), { eol: "\n" }));
  };
}

Deno.test(
  "testAdd: port × sudo write the expected lines; available finds the session",
  withStore((store) => {
    for (const port of [undefined, "4064", "14064"]) {
      for (const sudo of [undefined, "root"]) {
        const uuid = `uuid-${port}-${sudo}`;
        const path = store.add(
          "srv",
          "usr",
          uuid,
          buildLoginProps({ host: "srv", user: "usr", port }),
          sudo,
        );
        assert.equal(path, join(store.dir, "srv", "usr", uuid));
        const lines = Deno.readTextFileSync(path);
        assert.equal(
          lines,
          `omero.host=srv\nomero.user=usr\n${port ? `omero.port=${port}\n` : ""}` +
            `omero.sess=${uuid}\n${sudo ? "omero.sudo=root\n" : ""}`,
        );
        assert.ok(store.available("srv", "usr").includes(uuid));
      }
    }
    assert.equal(store.available("srv", "usr").length, 6);
  }),
);

Deno.test(
  "testDefaults: an empty store has last host localhost and port 4064 and creates nothing",
  withStore((store) => {
    assert.equal(store.lastHost(), "localhost");
    assert.equal(store.lastPort(), "4064");
    assert.deepEqual(store.getCurrent(), { port: "4064" });
    assert.deepEqual(store.contents(), []);
    assert.equal(countSessionFiles(store), 0);
    assert.deepEqual(store.available("h", "u"), []);
    assert.throws(() => Deno.statSync(store.dir), Deno.errors.NotFound);
  }),
);

Deno.test(
  "testSetCurrent: markers round-trip, the port defaults to 4064",
  withStore((store) => {
    store.setCurrent("wss://h/omero-ws", "bob", "k1");
    assert.deepEqual(store.getCurrent(), {
      host: "wss://h/omero-ws",
      user: "bob",
      uuid: "k1",
      port: "4064",
    });
    store.setCurrent("h2", "al", "k2", "14064");
    assert.deepEqual(store.getCurrent(), { host: "h2", user: "al", uuid: "k2", port: "14064" });
    assert.equal(store.lastHost(), "h2");
    assert.equal(Deno.readTextFileSync(join(store.dir, "h2", "al", "._LASTSESS_")), "k2");
  }),
);

Deno.test(
  "testContents/testCount/testGet: add then remove",
  withStore((store) => {
    assert.equal(countSessionFiles(store), 0);
    store.add("h", "u", "k", buildLoginProps({ group: "g", host: "h", user: "u" }));
    store.setCurrent("h", "u", "k");
    assert.equal(countSessionFiles(store), 1);
    assert.deepEqual(
      [...store.get("h", "u", "k").props],
      [["omero.group", "g"], ["omero.host", "h"], ["omero.user", "u"], ["omero.sess", "k"]],
    );
    assert.deepEqual(store.contents().map((s) => [s.host, s.user, s.uuid]), [["h", "u", "k"]]);
    store.remove("h", "u", "k");
    assert.equal(countSessionFiles(store), 0);
    assert.ok(!store.exists("h", "u", "k"));
    assert.deepEqual(store.getCurrent(), { host: "h", user: "u", port: "4064" });
    assert.throws(() => store.get("h", "u", "k"), SessionNotFoundError);
    store.remove("h", "u", undefined);
  }),
);

Deno.test(
  "remove keeps ._LASTSESS_ when it names another session",
  withStore((store) => {
    store.add("h", "u", "a", buildLoginProps({ host: "h", user: "u" }));
    store.add("h", "u", "b", buildLoginProps({ host: "h", user: "u" }));
    store.setCurrent("h", "u", "b");
    store.remove("h", "u", "a");
    assert.equal(store.getCurrent().uuid, "b");
  }),
);

Deno.test(
  "conflicts: group and port strings, ignore_nulls, 4064 equivalence",
  withStore((store) => {
    const stored = (group?: string, port?: string) => {
      const uuid = crypto.randomUUID();
      store.add("h", "u", uuid, buildLoginProps({ group, host: "h", user: "u", port }));
      return uuid;
    };
    const props = (group?: string, port?: string) =>
      buildLoginProps({ group, host: "h", user: "u", port });
    // Structured differences; omero-py's display string is describeConflicts.
    const text = (...args: Parameters<SessionStore["conflicts"]>) =>
      describeConflicts(store.conflicts(...args));
    const g1 = stored("1");
    assert.deepEqual(store.conflicts("h", "u", g1, props("2", "14064")), [
      { key: "omero.port", stored: undefined, wanted: "14064" },
      { key: "omero.group", stored: "1", wanted: "2" },
    ]);
    assert.equal(text("h", "u", g1, props(), { ignoreNulls: true }), "");
    assert.equal(text("h", "u", g1, props()), "omero.group: 1!=None");
    assert.equal(text("h", "u", g1, props("2")), "omero.group: 1!=2");
    assert.equal(text("h", "u", g1, props("2"), { checkGroup: false }), "");
    assert.equal(
      text("h", "u", g1, props("2", "14064")),
      "omero.port: None!=14064; omero.group: 1!=2",
    );
    const none = stored();
    assert.equal(text("h", "u", none, props(undefined, "4064")), "");
    assert.equal(text("h", "u", stored(undefined, "4064"), props()), "");
    assert.equal(
      text("h", "u", none, props(undefined, "04064")),
      "omero.port: None!=04064",
    );
    assert.throws(() => store.conflicts("h", "u", "missing", props()), SessionNotFoundError);
    // A caller's port rule replaces omero-py's; the conflict text stays omero-py's.
    const numeric = (a?: string, b?: string) => Number(a ?? 4064) === Number(b ?? 4064);
    assert.equal(
      text("h", "u", none, props(undefined, "04064"), { samePort: numeric }),
      "",
    );
    assert.equal(
      text("h", "u", none, props(undefined, "14064"), { samePort: numeric }),
      "omero.port: None!=14064",
    );
  }),
);

Deno.test(
  "findNameByKey works for URL hosts and refuses ambiguity",
  withStore((store) => {
    const host = "wss://h/omero-ws";
    store.add(host, "a", "k", buildLoginProps({ host, user: "a" }));
    assert.equal(store.findNameByKey(host, "k"), "a");
    assert.equal(store.findNameByKey(host, "other"), undefined);
    assert.equal(store.findNameByKey("unknown", "k"), undefined);
    store.add(host, "b", "k", buildLoginProps({ host, user: "b" }));
    assert.throws(() => store.findNameByKey(host, "k"), /Multiple names found for uuid=k: a, b/);
  }),
);

Deno.test(
  "names that would leave the store are refused",
  withStore((store) => {
    const props = buildLoginProps({ host: "h", user: "u" });
    for (const [user, uuid] of [["..", "k"], ["a/b", "k"], ["u", "../x"], ["", "k"], ["u", ""]]) {
      assert.throws(() => store.add("h", user, uuid, props), StoreError, `${user} ${uuid}`);
    }
    assert.throws(() => store.add("", "u", "k", props), StoreError);
  }),
);

Deno.test(
  "markers and session files are rewritten only when their content changes",
  withStore((store) => {
    const props = () => buildLoginProps({ host: "srv", user: "usr", port: "4064" });
    const path = store.add("srv", "usr", "k1", props());
    store.setCurrent("srv", "usr", "k1");
    const markerPaths = ["._LASTHOST_", "._LASTPORT_", "srv/._LASTUSER_", "srv/usr/._LASTSESS_"]
      .map((name) => join(store.dir, name));
    // A rewrite renames a new file over the old one: a new inode.
    const inodes = () => [path, ...markerPaths].map((p) => Deno.statSync(p).ino);
    const before = inodes();
    store.add("srv", "usr", "k1", props());
    store.setCurrent("srv", "usr", "k1");
    assert.deepEqual(inodes(), before);
    store.add("srv", "usr", "k2", props());
    store.setCurrent("srv", "usr", "k2");
    const after = inodes();
    assert.notEqual(after[4], before[4], "._LASTSESS_ names the new session");
    assert.deepEqual(after.slice(0, 4), before.slice(0, 4));
    assert.equal(store.getCurrent().uuid, "k2");
  }),
);
