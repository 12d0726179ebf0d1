// The login steps with a fake session opener (no server, no process): reuse of the current
// session, reconnect to a stored one, create, and what each leaves in the store.
import assert from "node:assert/strict";
import { join } from "node:path";
import { SessionGoneError } from "../../src/omero/errors.ts";
import type { Credentials, OmeroSession, OpenOptions } from "../../src/omero/session.ts";
import type { ServerTarget } from "../../src/connection-string.ts";
import { login } from "../../src/login/login.ts";
import type { LoginOptions } from "../../src/login/options.ts";
import { Prompter } from "../../src/prompt/prompter.ts";
import { buildLoginProps } from "../../src/store/session-file.ts";
import { SessionStore } from "../../src/store/session-store.ts";
import { tempDir } from "../fixtures/fixture-store.ts";

interface Call {
  host: string;
  credentials: Credentials;
  options: OpenOptions;
}

/** Opens sessions on an imaginary server: `live` keys join, passwords "ome" create new ones. */
function fakeServer(live: Set<string>) {
  const calls: Call[] = [];
  let created = 0;
  const open = (server: ServerTarget, credentials: Credentials, options: OpenOptions) => {
    calls.push({ host: server.host, credentials, options });
    if (options.joining) {
      if (!live.has(credentials.user)) return Promise.reject(new SessionGoneError("gone"));
      return Promise.resolve(fakeSession(credentials.user, "alice"));
    }
    if (credentials.password !== "ome") return Promise.reject(new Error("unexpected password"));
    const uuid = `00000000-0000-4000-8000-${String(++created).padStart(12, "0")}`;
    live.add(uuid);
    return Promise.resolve(fakeSession(uuid, credentials.user));
  };
  return { open, calls };
}

/** The parts of a session that the login steps use. */
function fakeSession(uuid: string, user: string): OmeroSession {
  const session = {
    uuid,
    eventContext: { sessionUuid: uuid, userName: user, groupName: "lab", groupId: 3n },
    info: { uuid, timeToIdle: 600_000, timeToLive: 0 },
    setTimeToIdle: () => Promise.resolve(undefined),
    abandon: () => Promise.resolve(),
    release: () => Promise.resolve(),
  };
  // A test double: OmeroSession's constructor is private to the real client.
  return session as unknown as OmeroSession;
}

function setUp() {
  const tmp = tempDir();
  const store = new SessionStore(join(tmp.path, "sessions"));
  const said: string[] = [];
  const live = new Set<string>();
  const server = fakeServer(live);
  const run = (options: Partial<LoginOptions>) =>
    login({ retry: 0, ...options }, {
      store,
      // No terminal: a step that would prompt fails instead.
      prompter: new Prompter(() => undefined),
      env: {},
      stdin: new ReadableStream(),
      say: (line) => said.push(line),
      open: server.open,
    });
  const stored = (host: string, user: string, uuid: string) => {
    store.add(host, user, uuid, buildLoginProps({ host, user, port: "4064" }));
    live.add(uuid);
  };
  return { tmp, store, said, live, calls: server.calls, run, stored };
}

const KEY_A = "aaaaaaaa-0000-4000-8000-000000000001";
const KEY_B = "bbbbbbbb-0000-4000-8000-000000000002";

Deno.test("reuse: the current session is joined, nothing is created", async () => {
  const { tmp, store, calls, run, stored } = setUp();
  using _ = tmp;
  stored("h", "alice", KEY_A);
  store.setCurrent("h", "alice", KEY_A, "4064");
  const result = await run({ server: "h", user: "alice" });
  assert.equal(result.action, "Using");
  assert.equal(result.session.uuid, KEY_A);
  assert.deepEqual(calls.map((call) => [call.credentials.user, call.options.joining]), [
    [KEY_A, true],
  ]);
  assert.deepEqual(store.available("h", "alice"), [KEY_A]);
});

Deno.test("reuse fails (session gone): it is removed and a new session is created", async () => {
  const { tmp, store, said, live, calls, run, stored } = setUp();
  using _ = tmp;
  stored("h", "alice", KEY_A);
  store.setCurrent("h", "alice", KEY_A, "4064");
  live.delete(KEY_A);
  const result = await run({ server: "h", user: "alice", password: "ome" });
  assert.equal(result.action, "Created");
  assert.ok(said.includes("Previous session expired for alice on h:4064"), said.join("\n"));
  assert.deepEqual(calls.map((call) => call.options.joining ?? false), [true, false]);
  assert.deepEqual(store.available("h", "alice"), [result.session.uuid]);
  assert.equal(store.getCurrent().uuid, result.session.uuid);
});

Deno.test("reconnect: a stored session of the same server and user is joined", async () => {
  const { tmp, store, calls, run, stored } = setUp();
  using _ = tmp;
  stored("other", "bob", KEY_A);
  store.setCurrent("other", "bob", KEY_A, "4064");
  stored("h", "alice", KEY_B);
  const result = await run({ server: "h", user: "alice" });
  assert.equal(result.action, "Reconnected to");
  assert.equal(result.session.uuid, KEY_B);
  assert.deepEqual(calls.map((call) => [call.host, call.credentials.user]), [["h", KEY_B]]);
  assert.equal(store.getCurrent().uuid, KEY_B, "the reconnected session becomes current");
});

Deno.test("create: -C creates even with a live stored session; the new one is current", async () => {
  const { tmp, store, calls, run, stored } = setUp();
  using _ = tmp;
  stored("h", "alice", KEY_A);
  store.setCurrent("h", "alice", KEY_A, "4064");
  const result = await run({ server: "h", user: "alice", password: "ome", create: true });
  assert.equal(result.action, "Created");
  assert.deepEqual(calls.map((call) => call.credentials.user), ["alice"]);
  assert.deepEqual(store.available("h", "alice").sort(), [KEY_A, result.session.uuid].sort());
  assert.equal(store.getCurrent().uuid, result.session.uuid);
});

Deno.test("no password and no terminal: the prompt fails, nothing is stored", async () => {
  const { tmp, store, calls, run } = setUp();
  using _ = tmp;
  await assert.rejects(
    () => run({ server: "h", user: "alice" }),
    /cannot prompt for password: no terminal; give it with -w/,
  );
  assert.deepEqual(calls, []);
  assert.deepEqual(store.available("h", "alice"), []);
});
