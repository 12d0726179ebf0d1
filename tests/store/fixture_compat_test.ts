// Byte-level compatibility with omero-py's store: we read its files and write the same bytes.
import assert from "node:assert/strict";
import { join } from "node:path";
import { escapeHost, unescapeHost } from "../../src/store/host-escape.ts";
import { SessionStore } from "../../src/store/session-store.ts";
import { buildLoginProps, parseSessionFile } from "../../src/store/session-file.ts";
import type { SessionProps } from "../../src/store/session-file.ts";
import { countSessionFiles, FIXTURE, FIXTURE_STORE, tempDir } from "../fixtures/fixture-store.ts";

const read = (path: string) => Deno.readFileSync(path);

Deno.test("host escaping is Python's quote(host, safe='') and unquote", () => {
  const cases: [string, string][] = [
    ["localhost", "localhost"],
    ["127.0.0.1", "127.0.0.1"],
    ["wss://h/omero-ws", "wss%3A%2F%2Fh%2Fomero-ws"],
    ["[::1]", "%5B%3A%3A1%5D"],
    ["my host", "my%20host"],
    ["ünï", "%C3%BCn%C3%AF"],
    ["a_b.c-d~e", "a_b.c-d~e"],
    ["!'()*@+,;=", "%21%27%28%29%2A%40%2B%2C%3B%3D"],
  ];
  for (const [host, escaped] of cases) {
    assert.equal(escapeHost(host), escaped);
    assert.equal(unescapeHost(escaped), host);
  }
  assert.equal(unescapeHost("bad%zz%4"), "bad%zz%4");
});

Deno.test("reads every session and marker of an omero-py store", () => {
  const store = new SessionStore(FIXTURE_STORE, { warn: () => {} });
  assert.deepEqual(store.getCurrent(), { ...FIXTURE.current, port: "4064" });
  assert.equal(store.lastHost(), "localhost");
  assert.equal(countSessionFiles(store), 5);
  const contents = store.contents();
  assert.deepEqual(
    contents.map((s) => [s.host, s.user, s.uuid]),
    [FIXTURE.ipv6, FIXTURE.unicode, FIXTURE.unknownKey, FIXTURE.current, FIXTURE.wss].map(
      (s) => [s.host, s.user, s.uuid],
    ),
  );
  const ipv6 = store.get(FIXTURE.ipv6.host, FIXTURE.ipv6.user, FIXTURE.ipv6.uuid);
  assert.deepEqual([...ipv6.props.keys()], [
    "omero.group",
    "omero.host",
    "omero.user",
    "omero.port",
    "omero.timeout",
    "omero.sess",
  ]);
  assert.equal(ipv6.props.get("omero.timeout"), "300");
  assert.equal(ipv6.port, "14064");
  assert.equal(ipv6.group, "lab");
  for (const { host, user, uuid } of Object.values(FIXTURE)) {
    assert.ok(store.exists(host, user, uuid), host);
    assert.equal(store.findNameByKey(host, uuid), user, host);
    assert.equal(store.get(host, user, uuid).props.get("omero.host"), host);
  }
  assert.equal(
    store.get(FIXTURE.unknownKey.host, FIXTURE.unknownKey.user, FIXTURE.unknownKey.uuid).props.get(
      "x.custom",
    ),
    "kept=as-is",
  );
});

Deno.test("writes byte-identical files to omero-py for the same logins", () => {
  using tmp = tempDir();
  const dir = join(tmp.path, "sessions");
  const store = new SessionStore(dir, { eol: "\n" });
  const logins: { host: string; user: string; uuid: string; props: SessionProps; sudo?: string }[] =
    [
      {
        ...FIXTURE.current,
        props: buildLoginProps({ host: "localhost", user: "root", port: "4064" }),
      },
      { ...FIXTURE.wss, props: buildLoginProps({ host: "wss://h/omero-ws", user: "public" }) },
      {
        ...FIXTURE.ipv6,
        props: buildLoginProps({
          group: "lab",
          host: "[::1]",
          user: "bob",
          port: "14064",
          timeout: 300,
        }),
      },
      {
        ...FIXTURE.unicode,
        props: buildLoginProps({ host: "ünï", user: "üser", port: "4064" }),
        sudo: "root",
      },
    ];
  for (const { host, user, uuid, props, sudo } of logins) {
    const path = store.add(host, user, uuid, props, sudo);
    const relative = path.slice(dir.length + 1);
    assert.deepEqual(read(path), read(join(FIXTURE_STORE, relative)), relative);
  }
  // The wss login first, then localhost: the markers end as the fixture's.
  store.setCurrent(FIXTURE.wss.host, FIXTURE.wss.user, FIXTURE.wss.uuid);
  store.remove(FIXTURE.wss.host, FIXTURE.wss.user, FIXTURE.wss.uuid); // logout keeps ._LASTUSER_
  store.add(FIXTURE.wss.host, FIXTURE.wss.user, FIXTURE.wss.uuid, logins[1].props);
  store.setCurrent(FIXTURE.current.host, FIXTURE.current.user, FIXTURE.current.uuid, "4064");
  for (
    const marker of [
      "._LASTHOST_",
      "._LASTPORT_",
      "localhost/._LASTUSER_",
      "localhost/root/._LASTSESS_",
      "wss%3A%2F%2Fh%2Fomero-ws/._LASTUSER_",
    ]
  ) {
    assert.deepEqual(read(join(dir, marker)), read(join(FIXTURE_STORE, marker)), marker);
  }
  assert.equal(new TextDecoder().decode(read(join(dir, "._LASTHOST_"))), "localhost");
});

Deno.test("rewriting a session keeps keys we do not know", () => {
  using tmp = tempDir();
  const store = new SessionStore(tmp.path, { eol: "\n" });
  const { host, user, uuid } = FIXTURE.unknownKey;
  const path = store.sessionPath(host, user, uuid);
  Deno.mkdirSync(join(path, ".."), { recursive: true });
  Deno.copyFileSync(join(FIXTURE_STORE, "example.org/bob", uuid), path);
  store.add(host, user, uuid, buildLoginProps({ host, user, port: "4064" }));
  assert.equal(
    Deno.readTextFileSync(path),
    `omero.host=example.org\nomero.user=bob\nomero.port=4064\nomero.sess=${uuid}\n` +
      "x.custom=kept=as-is\n",
  );
});

Deno.test("session files: first '=' splits, bare keys, CRLF and duplicates as omero-py", () => {
  const props = parseSessionFile("a=b=c\r\nbare\n\nk=1\nk=2\r\n");
  assert.deepEqual([...props], [["a", "b=c"], ["bare", ""], ["k", "2"]]);
  const windows = new SessionStore(tempDir().path, { eol: "\r\n" });
  const path = windows.add("h", "u", "s", buildLoginProps({ host: "h", user: "u" }));
  assert.equal(Deno.readTextFileSync(path), "omero.host=h\r\nomero.user=u\r\nomero.sess=s\r\n");
  Deno.removeSync(windows.dir, { recursive: true });
});
