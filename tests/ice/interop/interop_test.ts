// Interoperability with real ZeroC Ice 3.7 (Python servant, glacier2router): every type of
// Interop.ice, over tcp, ssl, ws and wss, directly and through a Glacier2 session.
import assert from "node:assert/strict";
import { join } from "node:path";
import { Connection } from "../../../src/ice/connection.ts";
import { connect } from "../../../src/ice/connector.ts";
import { ObjectNotExistError, UserException } from "../../../src/ice/errors.ts";
import { GLACIER2_EXCEPTIONS, Glacier2Router } from "../../../src/ice/glacier2.ts";
import type { InputStream } from "../../../src/ice/input-stream.ts";
import { OutputStream } from "../../../src/ice/output-stream.ts";
import { parseProxy, printProxy } from "../proxy-string.ts";
import type { TlsTrust } from "../../../src/ice/transport.ts";
import { trustPolicy } from "../../../src/trust/policy.ts";
import { acceptAnyPeer } from "../../fixtures/accepting-trust.ts";
import { type IpTransport, OperationMode, type Proxy } from "../../../src/ice/types.ts";
import { IceValue, type TypeDesc, TypeRegistry } from "../../../src/ice/values.ts";
import { type InteropServers, startInteropServers } from "./harness.ts";

// --- our side of Interop.ice (Hidden and HiddenError deliberately left out) ----------------
const Small = { enum: 2 } as const;
const Medium = { enum: 30000 } as const;
const Large = { enum: 70000 } as const;
const Prims: TypeDesc = {
  struct: [
    ["b", "bool"],
    ["by", "byte"],
    ["s", "short"],
    ["i", "int"],
    ["l", "long"],
    [
      "f",
      "float",
    ],
    ["d", "double"],
    ["str", "string"],
  ],
};
const Point: TypeDesc = { struct: [["x", "int"], ["y", "int"]] };
const Line: TypeDesc = {
  struct: [["a", Point], ["b", Point], ["label", "string"], ["kind", Small]],
};

const registry = new TypeRegistry()
  .defineClass(
    { typeId: "::Interop::Node", members: [["value", "int"], ["next", "class"]] },
    { typeId: "::Interop::Base", members: [["name", "string"]] },
    {
      typeId: "::Interop::Derived",
      base: "::Interop::Base",
      members: [["extra", "long"], ["peer", "class"]],
    },
  )
  .defineException(
    ...GLACIER2_EXCEPTIONS,
    { typeId: "::Interop::BaseError", members: [["reason", "string"]] },
    { typeId: "::Interop::DerivedError", base: "::Interop::BaseError", members: [["code", "int"]] },
  );

type Invoke = (operation: string, params: Uint8Array, mode?: OperationMode) => Promise<InputStream>;

/** Encodes in-parameters (encoding 1.0, pending instances when `classes`). */
function params(write: (out: OutputStream) => void = () => {}, classes = false): Uint8Array {
  const out = new OutputStream({ registry });
  out.startEncapsulation();
  write(out);
  if (classes) out.writePendingValues();
  out.endEncapsulation();
  return out.finished();
}

/** Reads the result and checks the reply encapsulation is consumed exactly. */
function result<T>(input: InputStream, read: (input: InputStream) => T, classes = false): T {
  const value = read(input);
  if (classes) input.readPendingValues();
  input.endEncapsulation();
  return value;
}

async function echo<T>(invoke: Invoke, operation: string, type: TypeDesc, value: T): Promise<T> {
  const reply = await invoke(operation, params((out) => out.write(type, value)));
  return result(reply, (input) => input.read(type) as T);
}

async function exerciseEveryType(invoke: Invoke): Promise<void> {
  // Primitives at their limits.
  for (
    const p of [
      {
        b: true,
        by: 255,
        s: 32767,
        i: 2147483647,
        l: 9223372036854775807n,
        f: 3.4028234663852886e38,
        d: Number.MAX_VALUE,
        str: "é€😀\u0000",
      },
      {
        b: false,
        by: 0,
        s: -32768,
        i: -2147483648,
        l: -9223372036854775808n,
        f: -1.401298464324817e-45,
        d: -Number.MIN_VALUE,
        str: "",
      },
    ]
  ) {
    assert.deepEqual(await echo(invoke, "echoPrims", Prims, p), p);
  }
  // Empty and large sequences (the large one crosses the 255 size escape and many frames).
  const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => i * 7);
  assert.deepEqual(
    await echo(invoke, "echoBytes", { seq: "byte" }, new Uint8Array()),
    new Uint8Array(),
  );
  assert.deepEqual(await echo(invoke, "echoBytes", { seq: "byte" }, big), big);
  const ints = Array.from({ length: 100_000 }, (_, i) => i - 50_000);
  assert.deepEqual(await echo(invoke, "echoInts", { seq: "int" }, ints), ints);
  assert.deepEqual(await echo(invoke, "echoInts", { seq: "int" }, []), []);
  const strings = ["", "a", "x".repeat(300), "ünïcödé"];
  assert.deepEqual(await echo(invoke, "echoStrings", { seq: "string" }, strings), strings);
  // Nested structs, dictionaries.
  const lines = [
    { a: { x: 1, y: -2 }, b: { x: 3, y: 4 }, label: "first", kind: 0 },
    { a: { x: 0, y: 0 }, b: { x: -1, y: 1 }, label: "", kind: 2 },
  ];
  assert.deepEqual(await echo(invoke, "echoLines", { seq: Line }, lines), lines);
  const map = new Map([["one", 1], ["", -1], ["many", 2147483647]]);
  assert.deepEqual(await echo(invoke, "echoStringIntMap", { dict: ["string", "int"] }, map), map);
  assert.deepEqual(
    await echo(invoke, "echoStringIntMap", { dict: ["string", "int"] }, new Map()),
    new Map(),
  );
  const lineMap = new Map([[7, lines[0]], [-7, lines[1]]]);
  assert.deepEqual(await echo(invoke, "echoIntLineMap", { dict: ["int", Line] }, lineMap), lineMap);
  // Enums of three widths; out-params come before the return value.
  const enums = await invoke(
    "echoEnums",
    params((out) => {
      out.write(Small, 2);
      out.write(Medium, 30000);
      out.write(Large, 70000);
    }),
  );
  assert.deepEqual(
    result(enums, (input) => [input.read(Small), input.read(Medium), input.read(Large)]),
    [2, 30000, 70000],
  );
  // Class graphs: a cycle, shared references, an unknown subclass sliced to its known base.
  const ring = result(
    await invoke("makeRing", params((out) => out.writeInt(3))),
    (input) => input.readValue(),
    true,
  )!;
  const second = ring.members.next as IceValue;
  const third = second.members.next as IceValue;
  assert.deepEqual([ring.members.value, second.members.value, third.members.value], [0, 1, 2]);
  assert.equal(third.members.next, ring);

  const shared = result(
    await invoke("makeShared", params()),
    (input) => input.read({ seq: "class" }) as IceValue[],
    true,
  );
  assert.equal(shared[0], shared[1]);
  assert.equal(shared[0].typeId, "::Interop::Derived");
  assert.equal(shared[0].members.peer, shared[2]);
  assert.deepEqual(shared[2].members, { name: "y" });

  const hidden = result(await invoke("makeHidden", params()), (input) => input.readValue(), true)!;
  assert.equal(hidden.typeId, "::Interop::Derived");
  assert.equal(hidden.wireTypeId, "::Interop::Hidden");
  assert.equal(hidden.members.name, "h");
  assert.equal(hidden.members.extra, 5n);
  assert.equal((hidden.members.peer as IceValue).members.name, "p");

  const self = new IceValue("::Interop::Derived", { name: "me", extra: -1n, peer: null });
  self.members.peer = self;
  const back = result(
    await invoke("echoBase", params((out) => out.writeValue(self), true)),
    (input) => input.readValue(),
    true,
  )!;
  assert.equal(back.members.peer, back);
  assert.equal(back.members.name, "me");
  // User exceptions, including a subclass we do not know.
  const failure = (which: number) =>
    invoke("fail", params((out) => out.writeInt(which))).then(
      () => assert.fail("fail() returned"),
      (error: unknown) => {
        assert.ok(error instanceof UserException, String(error));
        return error;
      },
    );
  const base = await failure(0);
  assert.deepEqual([base.typeId, base.knownTypeId, base.value], [
    "::Interop::BaseError",
    "::Interop::BaseError",
    { reason: "base" },
  ]);
  const derived = await failure(1);
  assert.deepEqual(derived.value, { reason: "derived", code: 7 });
  const unknown = await failure(2);
  assert.equal(unknown.typeId, "::Interop::HiddenError");
  assert.equal(unknown.knownTypeId, "::Interop::DerivedError");
  assert.deepEqual(unknown.value, { reason: "hidden", code: 9 });
  // Proxies of every endpoint type, printed as Ice prints them and echoed byte-exactly.
  const proxies = result(
    await invoke("makeProxies", params()),
    (input) => input.read({ seq: "proxy" }) as (Proxy | null)[],
  );
  assert.deepEqual(proxies.map((proxy) => proxy && printProxy(proxy)), [
    "a/tcp:tcp -h 127.0.0.1 -p 4063",
    "b/ssl -f facet -s:ssl -h example.org -p 4064 -t infinite -z",
    'c/ws -o:ws -h "::1" -p 80 -t 1000 -r /omero-ws',
    "d/wss:wss -h example.org -p 443 -r /path/x",
    proxies[4] && printProxy(proxies[4]), // udp: kept opaque, checked below
    "f/opaque:opaque -t 99 -e 1.0 -v AQIDBA==",
    "g/indirect @ BlitzAdapters",
    "h/many:tcp -h a -p 1:ssl -h b -p 2:wss -h c -p 3",
    null,
  ]);
  assert.equal(proxies[4]?.endpoints[0].kind, "opaque");
  const sent = params((out) => out.write({ seq: "proxy" }, proxies));
  const echoed = await invoke("echoProxies", sent);
  assert.deepEqual(result(echoed, (input) => input.read({ seq: "proxy" })), proxies);
  // An idempotent operation with its declared mode.
  const twice = await invoke("twice", params((out) => out.writeInt(21)), OperationMode.Idempotent);
  assert.equal(result(twice, (input) => input.readInt()), 42);
}

const ECHO_IDENTITY = { category: "interop", name: "echo" };

async function open(
  servers: InteropServers,
  kind: IpTransport,
  port: number,
  trust: TlsTrust,
): Promise<Connection> {
  const resource = kind === "ws" || kind === "wss" ? "/ice" : undefined;
  const endpoint = { kind, host: "127.0.0.1", port, timeout: 60000, compress: false, resource };
  const transceiver = await connect(endpoint, { timeoutMs: 5000, trust });
  assert.ok(servers);
  return await Connection.open(transceiver, { registry });
}

function call(operation: string, params: Uint8Array, mode: OperationMode = OperationMode.Normal) {
  return { operation, params, mode, timeoutMs: 20_000 };
}

Deno.test("interop with ZeroC Ice 3.7: every type over tcp, ssl, ws, wss, direct and routed", async (t) => {
  await using servers = await startInteropServers();
  const dir = await Deno.makeTempDir();
  try {
    // The real policy: the servers' self-signed certificate is pinned on first use.
    const trust = trustPolicy({
      insecure: false,
      env: {},
      platform: Deno.build.os,
      knownHostsPath: () => join(dir, "known_hosts"),
      programName: "omero-sessions",
      notice: () => {},
    });
    for (const kind of ["tcp", "ssl", "ws", "wss"] as const) {
      await t.step(`direct over ${kind}`, async () => {
        const connection = await open(servers, kind, servers.direct[kind], trust);
        try {
          await exerciseEveryType((operation, params, mode) =>
            connection.invoke({ identity: ECHO_IDENTITY, ...call(operation, params, mode) })
          );
        } finally {
          await connection.close();
        }
      });
      await t.step(`through glacier2router over ${kind}`, async () => {
        const connection = await open(servers, kind, servers.router[kind], trust);
        try {
          const router = new Glacier2Router(connection, { category: "Interop", name: "router" });
          const session = await router.createSession("alice", "secret");
          assert.equal(session?.identity.category, "session");
          const target = parseProxy(`interop/echo:tcp -h 127.0.0.1 -p ${servers.direct.tcp}`);
          await exerciseEveryType((operation, params, mode) =>
            router.invoke(target, call(operation, params, mode))
          );
          await router.destroySession();
        } finally {
          await connection.close();
        }
      });
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("glacier2router: login failures, timeouts, routing table, session teardown", async () => {
  await using servers = await startInteropServers();
  const connection = await open(servers, "tcp", servers.router.tcp, acceptAnyPeer);
  try {
    const router = new Glacier2Router(connection, { category: "Interop", name: "router" });
    await assert.rejects(
      router.createSession("alice", "wrong"),
      (error: unknown) =>
        error instanceof UserException &&
        error.typeId === "::Glacier2::PermissionDeniedException" &&
        error.value.reason === "bad password for alice",
    );
    await assert.rejects(
      router.createSession("refused", "secret"),
      (error: unknown) =>
        error instanceof UserException &&
        error.typeId === "::Glacier2::CannotCreateSessionException" &&
        error.value.reason === "no sessions for you",
    );
    const session = await router.createSession("alice", "secret");
    assert.ok(session);

    // Unregistered identities are refused with the ice_add_proxy signal.
    await assert.rejects(
      connection.invoke({
        identity: ECHO_IDENTITY,
        ...call("twice", params((out) => out.writeInt(1)), OperationMode.Idempotent),
      }),
      (error: unknown) =>
        error instanceof ObjectNotExistError && error.operation === "ice_add_proxy",
    );
    const target = parseProxy(`interop/echo:tcp -h 127.0.0.1 -p ${servers.direct.tcp}`);
    assert.deepEqual(await router.addProxies([target, session]), []);
    const reply = await connection.invoke({
      identity: ECHO_IDENTITY,
      ...call("twice", params((out) => out.writeInt(4)), OperationMode.Idempotent),
    });
    assert.equal(result(reply, (input) => input.readInt()), 8);

    await router.destroySession();
    await assert.rejects(
      router.destroySession(),
      (error: unknown) =>
        error instanceof UserException && error.typeId === "::Glacier2::SessionNotExistException",
    );
  } finally {
    await connection.close();
  }
});
