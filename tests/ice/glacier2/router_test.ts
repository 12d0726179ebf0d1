// Glacier2Router against a scripted connection: what goes on the wire (operation, mode, params)
// and the routing rules. The real glacier2router is exercised in tests/ice/interop.
import assert from "node:assert/strict";
import type { Invocation } from "../../../src/ice/connection.ts";
import { ObjectNotExistError } from "../../../src/ice/errors.ts";
import { Glacier2Router } from "../../../src/ice/glacier2.ts";
import { InputStream } from "../../../src/ice/input-stream.ts";
import { OutputStream } from "../../../src/ice/output-stream.ts";
import { parseProxy } from "../proxy-string.ts";
import { OperationMode } from "../../../src/ice/types.ts";

const ROUTER = { category: "OMERO.Glacier2", name: "router" };
const SESSION = parseProxy("session/sess-uuid:tcp -h 127.0.0.1 -p 20002");

/** A reply's params, positioned inside the encapsulation as Connection.invoke returns them. */
function reply(write: (out: OutputStream) => void = () => {}): InputStream {
  const out = new OutputStream();
  out.startEncapsulation();
  write(out);
  out.endEncapsulation();
  const input = new InputStream(out.finished());
  input.startEncapsulation();
  return input;
}

function params(call: Invocation): InputStream {
  const input = new InputStream(call.params);
  assert.deepEqual(input.startEncapsulation(), { major: 1, minor: 0 });
  return input;
}

class ScriptedConnection {
  calls: Invocation[] = [];
  constructor(private readonly answer: (call: Invocation, index: number) => InputStream) {}
  invoke(call: Invocation): Promise<InputStream> {
    this.calls.push(call);
    try {
      return Promise.resolve(this.answer(call, this.calls.length - 1));
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

Deno.test("createSession sends user and password, mode Normal, and returns the proxy", async () => {
  const connection = new ScriptedConnection(() => reply((out) => out.writeProxy(SESSION)));
  const router = new Glacier2Router(connection, ROUTER, { "omero.client.uuid": "u" });
  const session = await router.createSession("alice", "s3cret", {
    context: { "omero.agent": "test" },
  });
  assert.deepEqual(session, SESSION);
  const [call] = connection.calls;
  assert.equal(call.operation, "createSession");
  assert.equal(call.mode, OperationMode.Normal);
  assert.deepEqual(call.identity, ROUTER);
  assert.deepEqual(call.context, { "omero.client.uuid": "u", "omero.agent": "test" });
  const input = params(call);
  assert.deepEqual([input.readString(), input.readString()], ["alice", "s3cret"]);
  input.endEncapsulation();
});

Deno.test("routed calls register the target first, and re-register once on ice_add_proxy", async () => {
  let forgotten = false;
  const connection = new ScriptedConnection((call) => {
    if (call.operation === "addProxies") return reply((out) => out.writeSize(0));
    if (call.operation === "ice_ping" && forgotten) {
      forgotten = false;
      throw new ObjectNotExistError(call.identity, "", "ice_add_proxy");
    }
    return reply();
  });
  const router = new Glacier2Router(connection, ROUTER);
  const ping = { operation: "ice_ping", mode: OperationMode.Nonmutating, params: emptyParams() };
  await router.invoke(SESSION, ping);
  await router.invoke(SESSION, ping);
  forgotten = true;
  await router.invoke(SESSION, ping);
  assert.deepEqual(connection.calls.map((call) => call.operation), [
    "addProxies",
    "ice_ping",
    "ice_ping",
    "ice_ping",
    "addProxies",
    "ice_ping",
  ]);
  const add = connection.calls[0];
  assert.equal(add.mode, OperationMode.Idempotent);
  assert.deepEqual(add.identity, ROUTER);
  const input = params(add);
  assert.equal(input.readSize(), 1);
  assert.deepEqual(input.readProxy(), SESSION);
  input.endEncapsulation();
  assert.deepEqual(connection.calls[1].identity, SESSION.identity);
});

/** Holds every answer until release(): shows what was sent before the first reply came back. */
class HeldConnection {
  calls: Invocation[] = [];
  #held: (() => void)[] = [];
  constructor(private readonly answer: (call: Invocation) => InputStream) {}
  invoke(call: Invocation): Promise<InputStream> {
    this.calls.push(call);
    return new Promise((resolve, reject) =>
      this.#held.push(() => {
        try {
          resolve(this.answer(call));
        } catch (error) {
          reject(error);
        }
      })
    );
  }
  release(): void {
    for (const answer of this.#held.splice(0)) answer();
  }
}

Deno.test("a first call goes out with its addProxies, before any reply; concurrent calls share it", async () => {
  const connection = new HeldConnection((call) =>
    reply((out) => call.operation === "addProxies" && out.writeSize(0))
  );
  const router = new Glacier2Router(connection, ROUTER);
  const call = { operation: "op", mode: OperationMode.Normal, params: emptyParams() };
  const pending = Promise.all([router.invoke(SESSION, call), router.invoke(SESSION, call)]);
  await Promise.resolve();
  assert.deepEqual(connection.calls.map((c) => c.operation), ["addProxies", "op", "op"]);
  connection.release();
  await pending;
  const later = router.invoke(SESSION, { ...call, operation: "later" });
  assert.deepEqual(connection.calls.map((c) => c.operation), ["addProxies", "op", "op", "later"]);
  connection.release();
  await later;
});

Deno.test("ice_add_proxy on a pipelined call: wait for the registration, retry once", async () => {
  let seen = false;
  const connection = new HeldConnection((call) => {
    if (call.operation === "addProxies") return reply((out) => out.writeSize(0));
    if (!seen) {
      seen = true; // the router saw the call before the registration
      throw new ObjectNotExistError(call.identity, "", "ice_add_proxy");
    }
    return reply((out) => out.writeInt(7));
  });
  const router = new Glacier2Router(connection, ROUTER);
  const call = { operation: "op", mode: OperationMode.Normal, params: emptyParams() };
  const pending = router.invoke(SESSION, call);
  const released = setInterval(() => connection.release(), 1);
  try {
    assert.equal((await pending).readInt(), 7);
  } finally {
    clearInterval(released);
  }
  assert.deepEqual(connection.calls.map((c) => c.operation), [
    "addProxies",
    "op",
    "addProxies",
    "op",
  ]);
});

Deno.test("a second ObjectNotExist after re-adding is the caller's error", async () => {
  const connection = new ScriptedConnection((call) => {
    if (call.operation === "addProxies") return reply((out) => out.writeSize(0));
    throw new ObjectNotExistError(call.identity, "", "ice_add_proxy");
  });
  const router = new Glacier2Router(connection, ROUTER);
  await assert.rejects(
    router.invoke(SESSION, { operation: "x", mode: OperationMode.Normal, params: emptyParams() }),
    ObjectNotExistError,
  );
  assert.equal(connection.calls.length, 4);
});

Deno.test("evicted proxies are registered again before their next use", async () => {
  const other = parseProxy("cat/other:tcp -h 127.0.0.1 -p 1");
  const connection = new ScriptedConnection((call) => {
    if (call.operation !== "addProxies") return reply();
    const evicting = params(call).readSize() === 1 && connection.calls.length === 3;
    return reply((out) => {
      out.writeSize(evicting ? 1 : 0);
      if (evicting) out.writeProxy(SESSION);
    });
  });
  const router = new Glacier2Router(connection, ROUTER);
  const call = { operation: "op", mode: OperationMode.Normal, params: emptyParams() };
  await router.invoke(SESSION, call);
  await router.invoke(other, call); // evicts SESSION
  await router.invoke(SESSION, call);
  assert.deepEqual(connection.calls.map((c) => c.operation), [
    "addProxies",
    "op",
    "addProxies",
    "op",
    "addProxies",
    "op",
  ]);
});

Deno.test("destroySession is Normal and expects an empty reply", async () => {
  const connection = new ScriptedConnection(() => reply());
  await new Glacier2Router(connection, ROUTER).destroySession();
  assert.deepEqual(
    [connection.calls[0].operation, connection.calls[0].mode],
    ["destroySession", OperationMode.Normal],
  );
  const garbage = new ScriptedConnection(() => reply((out) => out.writeInt(1)));
  await assert.rejects(new Glacier2Router(garbage, ROUTER).destroySession());
});

function emptyParams(): Uint8Array {
  const out = new OutputStream();
  out.writeEmptyEncapsulation();
  return out.finished();
}
