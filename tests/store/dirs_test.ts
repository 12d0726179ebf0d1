import assert from "node:assert/strict";
import { resolveSessionsDir, resolveUserDir } from "../../src/dirs.ts";
import { CliError, UsageError } from "../../src/errors.ts";

const HOME = "/home/alice";

Deno.test("default store is <home>/omero/sessions", () => {
  assert.deepEqual(resolveSessionsDir({ env: {}, homeDir: HOME, platform: "linux" }), {
    dir: "/home/alice/omero/sessions",
    notices: [],
  });
});

// testCustomSessionsDir: 8 env combinations × with/without --session-dir.
Deno.test("precedence matrix: SESSIONDIR > SESSION_DIR > --session-dir > USERDIR > home", () => {
  for (let mask = 0; mask < 16; mask++) {
    const env: Record<string, string> = {};
    if (mask & 1) env.OMERO_SESSIONDIR = "/a/sessiondir";
    if (mask & 2) env.OMERO_SESSION_DIR = "/b/session_dir";
    if (mask & 4) env.OMERO_USERDIR = "/c/userdir";
    const sessionDirOption = mask & 8 ? "/d/option" : undefined;
    const { dir, notices } = resolveSessionsDir({
      env,
      homeDir: HOME,
      platform: "linux",
      sessionDirOption,
    });
    const expected = mask & 1
      ? "/a/sessiondir"
      : mask & 2
      ? "/b/session_dir/omero/sessions"
      : mask & 8
      ? "/d/option/omero/sessions"
      : mask & 4
      ? "/c/userdir/sessions"
      : "/home/alice/omero/sessions";
    assert.equal(dir, expected, `mask ${mask}`);
    const deprecated = (mask & 2 ? 1 : 0) + (mask & 8 ? 1 : 0);
    assert.equal(notices.length, deprecated, `mask ${mask}`);
    for (const notice of notices) {
      assert.match(notice, /^warning: .* is deprecated; use OMERO_SESSIONDIR=/u);
      assert.ok(!notice.includes("\n"));
    }
  }
});

Deno.test("an empty OMERO_SESSION_DIR counts as not given but is still reported", () => {
  const { dir, notices } = resolveSessionsDir({
    env: { OMERO_SESSION_DIR: "" },
    homeDir: HOME,
    platform: "linux",
    sessionDirOption: "/d",
  });
  assert.equal(dir, "/home/alice/omero/sessions");
  assert.equal(notices.length, 2);
});

Deno.test("values are used verbatim: no ~ expansion, relative stays relative", () => {
  const env = { OMERO_USERDIR: "~/x" };
  assert.equal(resolveSessionsDir({ env, homeDir: HOME, platform: "linux" }).dir, "~/x/sessions");
  assert.equal(
    resolveSessionsDir({ env: { OMERO_SESSIONDIR: "rel" }, platform: "linux" }).dir,
    "rel",
  );
});

Deno.test("an empty OMERO_SESSIONDIR is a usage error", () => {
  assert.throws(
    () => resolveSessionsDir({ env: { OMERO_SESSIONDIR: "" }, homeDir: HOME, platform: "linux" }),
    UsageError,
  );
});

// TestUserdirs: unset → basename omero; "" → app-data dir with OMERO.py and the major version.
Deno.test("user dir: unset, set, and set-empty on each platform", () => {
  assert.equal(resolveUserDir({ env: {}, homeDir: HOME, platform: "linux" }), "/home/alice/omero");
  assert.equal(resolveUserDir({ env: { OMERO_USERDIR: "/u" }, platform: "linux" }), "/u");
  const empty = { OMERO_USERDIR: "" };
  assert.equal(
    resolveUserDir({ env: empty, homeDir: HOME, platform: "linux" }),
    "/home/alice/.local/share/OMERO.py/5",
  );
  assert.equal(
    resolveUserDir({ env: { ...empty, XDG_DATA_HOME: "/xdg" }, homeDir: HOME, platform: "linux" }),
    "/xdg/OMERO.py/5",
  );
  assert.equal(
    resolveUserDir({ env: empty, homeDir: "/Users/alice", platform: "darwin" }),
    "/Users/alice/Library/Application Support/OMERO.py/5",
  );
  assert.equal(
    resolveUserDir({
      env: { ...empty, LOCALAPPDATA: "C:\\Users\\a\\AppData\\Local" },
      homeDir: "C:\\Users\\a",
      platform: "windows",
    }),
    "C:\\Users\\a\\AppData\\Local\\OME\\OMERO.py\\5",
  );
  assert.equal(
    resolveSessionsDir({ env: {}, homeDir: "C:\\Users\\a", platform: "windows" }).dir,
    "C:\\Users\\a\\omero\\sessions",
  );
});

Deno.test("missing HOME is a clear error only when the home directory is needed", () => {
  assert.throws(
    () => resolveSessionsDir({ env: {}, platform: "linux" }),
    (error: unknown) => error instanceof CliError && /HOME is not set/u.test(error.message),
  );
  assert.equal(
    resolveSessionsDir({ env: { OMERO_USERDIR: "/u" }, platform: "linux" }).dir,
    "/u/sessions",
  );
});
