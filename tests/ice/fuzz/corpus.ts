// Valid seed messages for the fuzzer, each with the schema its reply parameters are read with:
// class graphs with unknown slices, exceptions, proxies, dictionaries, requests, heartbeats.
import { encodeReply, encodeRequest, validateConnectionMessage } from "../../../src/ice/message.ts";
import { OutputStream } from "../../../src/ice/output-stream.ts";
import { Encoding_1_0, OperationMode, type Proxy } from "../../../src/ice/types.ts";
import { IceValue, type TypeDesc, TypeRegistry } from "../../../src/ice/values.ts";

export const registry = new TypeRegistry()
  .defineClass(
    { typeId: "::f::RType", members: [] },
    { typeId: "::f::RLong", base: "::f::RType", members: [["val", "long"]] },
    { typeId: "::f::RString", base: "::f::RType", members: [["val", "string"]] },
    {
      typeId: "::f::Context",
      members: [
        ["sessionId", "long"],
        ["uuid", "string"],
        ["sudoer", "class"],
        ["admin", "bool"],
        ["privileges", { seq: "string" }],
        ["groups", { seq: "long" }],
        ["kind", { enum: 5 }],
        ["perms", "class"],
      ],
    },
    { typeId: "::f::Perms", members: [["restrictions", { seq: "bool" }], ["perm1", "long"]] },
    // Known to the writer only, so that readers must skip its slice.
    {
      typeId: "::f::Secret",
      base: "::f::Context",
      members: [["note", "string"], ["self", "class"]],
    },
  )
  .defineException(
    { typeId: "::f::Error", members: [["message", "string"]] },
    { typeId: "::f::Busy", base: "::f::Error", members: [["backOff", "long"], ["obj", "class"]] },
  );

/** What the decoder is told the reply holds (the writer knows ::f::Secret, the reader need not). */
export interface Seed {
  bytes: Uint8Array;
  params: TypeDesc[];
}

const proxy: Proxy = {
  identity: { name: "sess-uuid", category: "session" },
  facet: "",
  mode: 0,
  secure: false,
  endpoints: [
    { kind: "tcp", host: "127.0.0.1", port: 20002, timeout: 60000, compress: false },
    { kind: "wss", host: "example.org", port: 443, timeout: -1, compress: false, resource: "/ws" },
    { kind: "opaque", type: 99, encoding: Encoding_1_0, bytes: new Uint8Array([1, 2, 3]) },
  ],
  adapterId: "",
};

function reply(status: 0 | 1, fill: (out: OutputStream) => void): Uint8Array {
  const out = new OutputStream({ registry });
  out.startEncapsulation(Encoding_1_0);
  fill(out);
  out.endEncapsulation();
  return encodeReply(7, { status, encapsulation: out.finished() });
}

export function context(i: number): IceValue {
  const perms = new IceValue("::f::Perms", { restrictions: [true, false, true], perm1: -120n });
  return new IceValue(i % 2 ? "::f::Secret" : "::f::Context", {
    sessionId: BigInt(i),
    uuid: `uuid-${i}`,
    sudoer: i % 3 ? null : new IceValue("::f::RString", { val: "root" }),
    admin: i % 2 === 0,
    privileges: ["Sudo", "ReadSession"],
    groups: [0n, 1n, BigInt(i)],
    kind: i % 6,
    perms,
    note: "hidden",
    self: null,
  });
}

export function seeds(): Seed[] {
  const secret = context(1);
  secret.members.self = secret;
  const contextsType: TypeDesc = { seq: "class" };
  return [
    {
      bytes: reply(0, (o) => {
        o.writeLong(42n);
        o.write(contextsType, [context(0), secret, context(2)]);
        o.writePendingValues();
      }),
      params: ["long", contextsType],
    },
    {
      bytes: reply(0, (o) => {
        o.writeProxy(proxy);
        o.write({ dict: ["string", "string"] }, new Map([["omero.group", "-1"], ["k", "v"]]));
      }),
      params: ["proxy", { dict: ["string", "string"] }],
    },
    {
      bytes: reply(
        1,
        (o) => o.writeException("::f::Busy", { message: "later", backOff: 500n, obj: context(3) }),
      ),
      params: [],
    },
    {
      bytes: reply(1, (o) => o.writeException("::f::Error", { message: "plain" })),
      params: [],
    },
    {
      bytes: encodeReply(7, { status: 2, identity: proxy.identity, facet: "", operation: "op" }),
      params: [],
    },
    { bytes: encodeReply(7, { status: 5, text: "unmarshal failure" }), params: [] },
    {
      bytes: encodeRequest({
        requestId: 3,
        identity: proxy.identity,
        operation: "callback",
        mode: OperationMode.Idempotent,
        context: { a: "b" },
        params: new Uint8Array([6, 0, 0, 0, 1, 0]),
      }),
      params: [],
    },
    { bytes: validateConnectionMessage, params: [] },
  ];
}
