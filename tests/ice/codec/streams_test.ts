// Round trips and edge cases of the streams: limits of every primitive, size encoding, enum
// widths, proxies of every endpoint kind, class graphs, exception slicing, bounded counts.
import { deepStrictEqual as assertEquals, ok, throws } from "node:assert/strict";
import { MarshalError, UserException } from "../../../src/ice/errors.ts";
import { InputStream } from "../../../src/ice/input-stream.ts";
import { OutputStream } from "../../../src/ice/output-stream.ts";
import { Encoding_1_0, Encoding_1_1, type Proxy } from "../../../src/ice/types.ts";
import { IceValue, type TypeDesc, TypeRegistry } from "../../../src/ice/values.ts";

function roundTrip(type: TypeDesc, value: unknown, registry?: TypeRegistry): unknown {
  const out = new OutputStream({ registry });
  out.startEncapsulation(Encoding_1_0);
  out.write(type, value);
  out.writePendingValues();
  out.endEncapsulation();
  const input = new InputStream(out.finished(), { registry });
  input.startEncapsulation();
  const result = input.read(type);
  input.readPendingValues();
  input.endEncapsulation();
  return result;
}

Deno.test("primitives at their limits", () => {
  const cases: [TypeDesc, unknown][] = [
    ["bool", true],
    ["bool", false],
    ["byte", 0],
    ["byte", 255],
    ["short", -32768],
    ["short", 32767],
    ["int", -2147483648],
    ["int", 2147483647],
    ["long", -(2n ** 63n)],
    ["long", 2n ** 63n - 1n],
    ["float", 3.4028234663852886e38],
    ["float", -0],
    ["double", Number.MAX_VALUE],
    ["double", Number.NEGATIVE_INFINITY],
    ["string", ""],
    ["string", "grüße 🧪 ünïcode"],
  ];
  for (const [type, value] of cases) assertEquals(roundTrip(type, value), value);
  ok(Number.isNaN(roundTrip("double", NaN)));
});

Deno.test("sizes switch to 255 + int32 at 255", () => {
  for (const [n, bytes] of [[254, 1], [255, 5], [70000, 5]]) {
    const out = new OutputStream();
    out.writeSize(n);
    assertEquals(out.size, bytes);
    assertEquals(new InputStream(out.finished()).readSize(), n);
  }
  const big = "x".repeat(300);
  assertEquals(roundTrip("string", big), big);
  throws(() => new OutputStream().writeSize(-1), MarshalError);
});

Deno.test("sequences, dictionaries and nested structs, empty and large", () => {
  const point = { struct: [["x", "int"], ["y", "int"]] } as const;
  const shape: TypeDesc = {
    struct: [["name", "string"], ["points", { seq: point }], ["tags", {
      dict: ["string", { seq: "long" }],
    }]],
  };
  const value = {
    name: "poly",
    points: Array.from({ length: 1000 }, (_, i) => ({ x: i, y: 7 - i })),
    tags: new Map([["a", [1n, 2n]], ["", []]]),
  };
  assertEquals(roundTrip(shape, value), value);
  assertEquals(roundTrip({ seq: "string" }, []), []);
  const bytes = new Uint8Array(100_000).map((_, i) => i % 251);
  assertEquals(roundTrip({ seq: "byte" }, bytes), bytes);
  assertEquals(roundTrip({ dict: ["int", "string"] }, new Map()), new Map());
});

Deno.test("enums: 1.0 width from the largest enumerator, 1.1 as a size", () => {
  for (const [max, width] of [[126, 1], [127, 2], [32766, 2], [32767, 4]]) {
    const out = new OutputStream();
    out.writeEnum(max, max);
    assertEquals(out.size, width);
    assertEquals(new InputStream(out.finished()).readEnum(max), max);
  }
  const out11 = new OutputStream({ encoding: Encoding_1_1 });
  out11.writeEnum(300, 40000);
  assertEquals(out11.size, 5);
  throws(() => new InputStream(new Uint8Array([9])).readEnum(5), MarshalError);
});

const proxy: Proxy = {
  identity: { name: "obj", category: "cat/x" },
  facet: "admin",
  mode: 1,
  secure: true,
  endpoints: [
    { kind: "tcp", host: "127.0.0.1", port: 4063, timeout: -1, compress: false },
    { kind: "ssl", host: "example.org", port: 4064, timeout: 60000, compress: true },
    { kind: "ws", host: "::1", port: 80, timeout: 1, compress: false, resource: "/" },
    { kind: "wss", host: "h", port: 443, timeout: 1, compress: false, resource: "/omero-ws" },
    { kind: "opaque", type: 3, encoding: Encoding_1_0, bytes: new Uint8Array([1, 2, 3, 250]) },
  ],
  adapterId: "",
};

Deno.test("proxies of every endpoint kind, indirect and null, in 1.0 and 1.1", () => {
  assertEquals(roundTrip("proxy", proxy), proxy);
  const indirect = { ...proxy, endpoints: [], adapterId: "Adapter-1" };
  assertEquals(roundTrip("proxy", indirect), indirect);
  assertEquals(roundTrip("proxy", null), null);

  const out = new OutputStream();
  out.startEncapsulation(Encoding_1_1);
  const p11 = { ...proxy, protocol: Encoding_1_0, encoding: Encoding_1_1 };
  out.writeProxy(p11);
  out.endEncapsulation();
  const bytes = out.finished();
  const input = new InputStream(bytes);
  input.startEncapsulation();
  const read = input.readProxy()!;
  // the tcp endpoints were written inside 1.1 encapsulations; the opaque one kept its own
  assertEquals(read, p11);
  // and writing what we read gives the same bytes again
  const again = new OutputStream();
  again.startEncapsulation(Encoding_1_1);
  again.writeProxy(read);
  again.endEncapsulation();
  assertEquals(again.finished(), bytes);
});

Deno.test("an unparsable tcp endpoint body is kept opaque and re-sent byte for byte", () => {
  const out = new OutputStream();
  out.writeIdentity({ name: "n", category: "" });
  out.writeBytes(new Uint8Array([0, 0, 0, 1])); // no facet, twoway, insecure, 1 endpoint
  out.writeShort(1);
  out.writeBytes(new Uint8Array([9, 0, 0, 0, 1, 0, 0xff, 0xff, 0xff])); // truncated tcp body
  const bytes = out.finished();
  const read = new InputStream(bytes).readProxy()!;
  assertEquals(read.endpoints[0].kind, "opaque");
  const again = new OutputStream();
  again.writeProxy(read);
  assertEquals(again.finished(), bytes);
});

const shapes = new TypeRegistry().defineClass(
  {
    typeId: "::t::Node",
    members: [["label", "string"], ["next", "class"], ["kids", { seq: "class" }]],
  },
  { typeId: "::t::Leaf", base: "::t::Node", members: [["weight", "double"]] },
  { typeId: "::t::Secret", base: "::t::Leaf", members: [["hidden", "string"], ["ref", "class"]] },
);

Deno.test("class graphs: shared and cyclic references keep their identity", () => {
  const a = new IceValue("::t::Node", { label: "a", next: null, kids: [] });
  const b = new IceValue("::t::Leaf", { label: "b", next: a, kids: [a, a], weight: 1.5 });
  a.members.next = b;
  a.members.kids = [b, null];
  const [ra, rb] = roundTrip({ seq: "class" }, [a, b], shapes) as IceValue[];
  assertEquals(ra.typeId, "::t::Node");
  assertEquals(rb.typeId, "::t::Leaf");
  ok(ra.members.next === rb && rb.members.next === ra);
  const kids = rb.members.kids as IceValue[];
  ok(kids[0] === ra && kids[1] === ra);
  assertEquals((ra.members.kids as unknown[])[1], null);
  assertEquals(rb.members.weight, 1.5);
});

Deno.test("a subclass we do not know decodes as its known base, reporting the real type", () => {
  const inner = new IceValue("::t::Node", {
    label: "only via the unknown slice",
    next: null,
    kids: [],
  });
  const secret = new IceValue("::t::Secret", {
    label: "s",
    next: null,
    kids: [],
    weight: 2,
    hidden: "h",
    ref: inner,
  });
  const out = new OutputStream({ registry: shapes });
  out.startEncapsulation();
  out.writeValue(secret);
  out.writePendingValues();
  out.endEncapsulation();
  const reader = new TypeRegistry().defineClass(
    {
      typeId: "::t::Node",
      members: [["label", "string"], ["next", "class"], ["kids", { seq: "class" }]],
    },
    { typeId: "::t::Leaf", base: "::t::Node", members: [["weight", "double"]] },
  );
  const input = new InputStream(out.finished(), { registry: reader });
  input.startEncapsulation();
  const value = input.readValue()!;
  input.readPendingValues();
  input.endEncapsulation();
  assertEquals([value.typeId, value.wireTypeId], ["::t::Leaf", "::t::Secret"]);
  assertEquals(value.members, { label: "s", next: null, kids: [], weight: 2 });

  const nothingKnown = new InputStream(out.finished());
  nothingKnown.startEncapsulation();
  const unknown = nothingKnown.readValue()!;
  nothingKnown.readPendingValues();
  assertEquals([unknown.typeId, unknown.wireTypeId], ["::Ice::Object", "::t::Secret"]);
});

Deno.test("a reference to an instance that never comes is a MarshalError", () => {
  const input = new InputStream(new Uint8Array([0xfd, 0xff, 0xff, 0xff, 0]));
  input.readValue();
  throws(() => input.readPendingValues(), MarshalError);
});

const errors = new TypeRegistry().defineException(
  { typeId: "::t::Base", members: [["reason", "string"]] },
  { typeId: "::t::Mid", base: "::t::Base", members: [["code", "int"]] },
  { typeId: "::t::Top", base: "::t::Mid", members: [["extra", { seq: "string" }]] },
  { typeId: "::t::WithClass", base: "::t::Base", members: [["node", "class"]] },
).defineClass({
  typeId: "::t::Node",
  members: [["label", "string"], ["next", "class"], ["kids", { seq: "class" }]],
});

function exceptionBytes(typeId: string, members: Record<string, unknown>): Uint8Array {
  const out = new OutputStream({ registry: errors });
  out.startEncapsulation();
  out.writeException(typeId, members);
  out.endEncapsulation();
  return out.finished();
}

function readException(bytes: Uint8Array, registry: TypeRegistry): UserException {
  const input = new InputStream(bytes, { registry });
  input.startEncapsulation();
  const e = input.readException();
  input.endEncapsulation();
  return e;
}

Deno.test("exception hierarchies: known, sliced to a known base, wholly unknown", () => {
  const bytes = exceptionBytes("::t::Top", { reason: "r", code: 3, extra: ["x"] });
  const full = readException(bytes, errors);
  assertEquals([full.typeId, full.knownTypeId, full.value], ["::t::Top", "::t::Top", {
    reason: "r",
    code: 3,
    extra: ["x"],
  }]);
  const partial = new TypeRegistry().defineException(
    { typeId: "::t::Base", members: [["reason", "string"]] },
    { typeId: "::t::Mid", base: "::t::Base", members: [["code", "int"]] },
  );
  const sliced = readException(bytes, partial);
  assertEquals([sliced.typeId, sliced.knownTypeId, sliced.value], ["::t::Top", "::t::Mid", {
    reason: "r",
    code: 3,
  }]);
  const input = new InputStream(bytes);
  input.startEncapsulation();
  const unknown = input.readException();
  assertEquals([unknown.typeId, unknown.knownTypeId], ["::t::Top", undefined]);
});

Deno.test("an exception with a class member carries pending instances", () => {
  const node = new IceValue("::t::Node", { label: "n", next: null, kids: [] });
  const e = readException(exceptionBytes("::t::WithClass", { reason: "c", node }), errors);
  assertEquals((e.value.node as IceValue).members.label, "n");
});

Deno.test("forged counts cannot allocate more than the bytes left", () => {
  const forged = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x7f, 0]);
  for (
    const type of [
      { seq: "long" },
      { seq: "string" },
      { seq: "byte" },
      { dict: ["int", "int"] },
      "string",
    ] as TypeDesc[]
  ) {
    throws(() => new InputStream(forged).read(type), MarshalError);
  }
  throws(() => new InputStream(new Uint8Array([0xff, 0, 0, 0, 0x80])).readSize(), MarshalError);
  throws(
    () => new InputStream(new Uint8Array([0xff, 0xff, 0xff, 0x7f, 1, 0])).startEncapsulation(),
    MarshalError,
  );
});

Deno.test("encapsulations: exact end in 1.0, nesting bounds reads", () => {
  const out = new OutputStream();
  out.startEncapsulation();
  out.writeInt(1);
  out.startEncapsulation(Encoding_1_1);
  out.writeString("inner");
  out.endEncapsulation();
  out.endEncapsulation();
  const input = new InputStream(out.finished());
  input.startEncapsulation();
  assertEquals(input.readInt(), 1);
  assertEquals(input.startEncapsulation(), Encoding_1_1);
  assertEquals(input.readString(), "inner");
  throws(() => input.readByte(), MarshalError);
  input.endEncapsulation();
  input.endEncapsulation();

  const short = new InputStream(new Uint8Array([7, 0, 0, 0, 1, 0, 42]));
  short.startEncapsulation();
  throws(() => short.endEncapsulation(), MarshalError);
});
