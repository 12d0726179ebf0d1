// Hex vectors of Ice messages (captured from the real Ice for JavaScript runtime),
// each checked in both directions: we encode exactly these bytes, and decode them back.
import { deepStrictEqual as assertEquals, ok } from "node:assert/strict";
import { UserException } from "../../../src/ice/errors.ts";
import { InputStream } from "../../../src/ice/input-stream.ts";
import {
  closeConnectionMessage,
  decodeReply,
  decodeRequest,
  encodeReply,
  encodeRequest,
  MessageType,
  parseHeader,
  validateConnectionMessage,
} from "../../../src/ice/message.ts";
import { OutputStream } from "../../../src/ice/output-stream.ts";
import { Encoding_1_0, Encoding_1_1, OperationMode, type Proxy } from "../../../src/ice/types.ts";
import { IceValue, TypeRegistry } from "../../../src/ice/values.ts";

/** Hex with spaces, comments after `#` ignored; strings in quotes are UTF-8 with a size byte. */
function hex(text: string): Uint8Array {
  const out: number[] = [];
  for (const line of text.split("\n")) {
    const code = line.replace(/#.*/, "");
    for (const token of code.match(/"[^"]*"|[0-9a-fA-F]+/g) ?? []) {
      if (token.startsWith('"')) {
        const bytes = new TextEncoder().encode(token.slice(1, -1));
        out.push(bytes.length, ...bytes);
      } else {for (let i = 0; i < token.length; i += 2) {
          out.push(parseInt(token.slice(i, i + 2), 16));
        }}
    }
  }
  return new Uint8Array(out);
}

const router = { name: "router", category: "OMERO.Glacier2" };

const glacier2 = new TypeRegistry().defineException({
  typeId: "::Glacier2::PermissionDeniedException",
  members: [["reason", "string"]],
});

Deno.test("ValidateConnection and CloseConnection", () => {
  assertEquals(validateConnectionMessage, hex("49636550 0100 0100 03 00 0e000000"));
  assertEquals(closeConnectionMessage, hex("49636550 0100 0100 04 00 0e000000"));
  assertEquals(parseHeader(hex("49636550 0100 0100 04 01 0e000000")), {
    type: MessageType.CloseConnection,
    compression: 1,
    size: 14,
  });
});

const createSession10 = hex(`
  49636550 0100 0100 00 00 5d000000
  01000000
  06 726f75746572
  0e 4f4d45524f2e476c616369657232
  00
  0d 63726561746553657373696f6e
  00
  01 0b 6f6d65726f2e6167656e74 04 74657374
  13000000 01 00
  05 616c696365 06 733363726574`);

function createSessionParams(encoding = Encoding_1_0): Uint8Array {
  const params = new OutputStream();
  params.startEncapsulation(encoding);
  params.writeString("alice");
  params.writeString("s3cret");
  params.endEncapsulation();
  return params.finished();
}

Deno.test("createSession request, encodings 1.0 and 1.1", () => {
  const request = {
    requestId: 1,
    identity: router,
    operation: "createSession",
    mode: OperationMode.Normal,
    context: { "omero.agent": "test" },
  };
  assertEquals(encodeRequest({ ...request, params: createSessionParams() }), createSession10);
  const v11 = createSession10.slice();
  v11[v11.length - 14] = 1;
  assertEquals(encodeRequest({ ...request, params: createSessionParams(Encoding_1_1) }), v11);

  const decoded = decodeRequest(createSession10.subarray(14));
  assertEquals(decoded, { ...request, facet: "", params: createSessionParams() });
  const params = new InputStream(decoded.params);
  assertEquals(params.startEncapsulation(), Encoding_1_0);
  assertEquals([params.readString(), params.readString()], ["alice", "s3cret"]);
  params.endEncapsulation();
});

const permissionDenied10 = hex(`
  49636550 0100 0100 02 00 51000000
  01000000 01
  3e000000 01 00
  00
  25 3a3a476c6163696572323a3a5065726d697373696f6e44656e696564457863657074696f6e
  11000000
  0c 6261642070617373776f7264`);

Deno.test("PermissionDeniedException reply, encoding 1.0 both ways", () => {
  const exception = new OutputStream({ registry: glacier2 });
  exception.startEncapsulation(Encoding_1_0);
  exception.writeException("::Glacier2::PermissionDeniedException", { reason: "bad password" });
  exception.endEncapsulation();
  assertEquals(
    encodeReply(1, { status: 1, encapsulation: exception.finished() }),
    permissionDenied10,
  );

  const header = parseHeader(permissionDenied10);
  assertEquals(header.size, permissionDenied10.length);
  const reply = decodeReply(permissionDenied10.subarray(14), glacier2);
  assertEquals(reply.requestId, 1);
  assertEquals(reply.status, 1);
  const error = (reply as { error: Error }).error;
  ok(error instanceof UserException);
  assertEquals(error.typeId, "::Glacier2::PermissionDeniedException");
  assertEquals(error.knownTypeId, "::Glacier2::PermissionDeniedException");
  assertEquals(error.value, { reason: "bad password" });
});

Deno.test("PermissionDeniedException reply, encoding 1.1 sliced format decodes", () => {
  const v11 = permissionDenied10.slice();
  v11[24] = 1; // encapsulation minor version
  v11[25] = 0x30; // flags: slice size present, last slice
  const reply = decodeReply(v11.subarray(14), glacier2) as { error: Error };
  ok(reply.error instanceof UserException);
  assertEquals(reply.error.knownTypeId, "::Glacier2::PermissionDeniedException");
  assertEquals(reply.error.value, { reason: "bad password" });
});

const sessionProxyReply10 = hex(`
  49636550 0100 0100 02 00 4a000000
  01000000 00
  37000000 01 00
  09 736573732d75756964
  07 73657373696f6e
  00 00 00
  01
  0100
  19000000 01 00
  09 3132372e302e302e31
  224e0000 60ea0000 00`);

const sessionProxy: Proxy = {
  identity: { name: "sess-uuid", category: "session" },
  facet: "",
  mode: 0,
  secure: false,
  endpoints: [{ kind: "tcp", host: "127.0.0.1", port: 20002, timeout: 60000, compress: false }],
  adapterId: "",
};

Deno.test("session proxy reply, encoding 1.0 both ways", () => {
  const params = new OutputStream();
  params.startEncapsulation(Encoding_1_0);
  params.writeProxy(sessionProxy);
  params.endEncapsulation();
  assertEquals(
    encodeReply(1, { status: 0, encapsulation: params.finished() }),
    sessionProxyReply10,
  );

  const reply = decodeReply(sessionProxyReply10.subarray(14));
  if (reply.status !== 0 || !("params" in reply)) throw new Error("expected status 0");
  assertEquals(reply.params.readProxy(), sessionProxy);
  reply.params.endEncapsulation();
});

Deno.test("session proxy in encoding 1.1 carries protocol and encoding versions", () => {
  const proxy11: Proxy = { ...sessionProxy, protocol: Encoding_1_0, encoding: Encoding_1_1 };
  const out = new OutputStream();
  out.startEncapsulation(Encoding_1_1);
  out.writeProxy(proxy11);
  out.endEncapsulation();
  const bytes = out.finished();
  // secure flag, then 01 00 01 01, then the endpoint encapsulation tagged 1.1
  assertEquals(bytes.subarray(6 + 18, 6 + 32), hex("00 00 00 01 00 01 01 01 0100 19000000"));
  const input = new InputStream(bytes);
  input.startEncapsulation();
  assertEquals(input.readProxy(), proxy11);
  input.endEncapsulation();
});

Deno.test("router housekeeping bodies", () => {
  const getAcm = encodeRequest({
    requestId: 2,
    identity: router,
    operation: "getACMTimeout",
    mode: OperationMode.Nonmutating,
    params: hex("06000000 0101"),
  });
  assertEquals(
    getAcm.subarray(14),
    hex(
      "02000000 06 726f75746572 0e 4f4d45524f2e476c616369657232 00 0d 67657441434d54696d656f7574 01 00 06000000 0101",
    ),
  );
  const acmReply = new InputStream(hex("0a000000 0101 03000000"));
  assertEquals(acmReply.startEncapsulation(), Encoding_1_1);
  assertEquals(acmReply.readInt(), 3);
  acmReply.endEncapsulation();

  const nullProxy = new InputStream(hex("08000000 0100 00 00"));
  nullProxy.startEncapsulation();
  assertEquals(nullProxy.readProxy(), null);
  nullProxy.endEncapsulation();
  // 1.1: a null proxy followed by optional tag 1 (F1) true, which we skip at the end
  const nullProxy11 = new InputStream(hex("0a000000 0101 00 00 08 01"));
  nullProxy11.startEncapsulation();
  assertEquals(nullProxy11.readProxy(), null);
  nullProxy11.endEncapsulation();

  // addProxies: a sequence of one proxy, the session proxy bytes exactly as received
  const add = new OutputStream();
  add.startEncapsulation(Encoding_1_0);
  add.writeSize(1);
  add.writeProxy(sessionProxy);
  add.endEncapsulation();
  assertEquals(add.finished().subarray(7), sessionProxyReply10.subarray(25));

  const ping = encodeRequest({
    requestId: 3,
    identity: { name: "sess-uuid", category: "session" },
    operation: "ice_ping",
    mode: OperationMode.Nonmutating,
    params: hex("06000000 0100"),
  });
  assertEquals(
    ping.subarray(18),
    hex("09 736573732d75756964 07 73657373696f6e 00 08 6963655f70696e67 01 00 06000000 0100"),
  );
});

const metrics = new TypeRegistry().defineClass({
  typeId: "::IceMX::Metrics",
  members: [
    ["id", "string"],
    ["total", "long"],
    ["current", "int"],
    ["totalLifetime", "long"],
    ["failures", "int"],
  ],
});

const metricsView = hex(`
  d204000000000000
  01 04 76696577 02 ffffffff feffffff
  02
  01000000
    00 "::IceMX::FancyMetrics" 08000000 07000000
    00 "::IceMX::Metrics" 1e000000 01 61 0a00000000000000 01000000 1400000000000000 00000000
    00 "::Ice::Object" 05000000 00
  02000000
    01 02 1e000000 01 62 0a00000000000000 01000000 1400000000000000 00000000
    01 03 05000000 00
  00`);

const metricsViewType = { dict: ["string", { seq: "class" }] } as const;

Deno.test("classes in 1.0: unknown derived slice skipped, type-id indices", () => {
  const input = new InputStream(metricsView, { registry: metrics });
  assertEquals(input.readLong(), 1234n);
  const view = input.read(metricsViewType) as Map<string, IceValue[]>;
  input.readPendingValues();
  assertEquals(input.remaining, 0);
  const [a, b] = view.get("view")!;
  assertEquals(a.typeId, "::IceMX::Metrics");
  assertEquals(a.wireTypeId, "::IceMX::FancyMetrics");
  assertEquals(a.members, { id: "a", total: 10n, current: 1, totalLifetime: 20n, failures: 0 });
  assertEquals(b.wireTypeId, "::IceMX::Metrics");
  assertEquals(b.members.id, "b");
});

Deno.test("classes in 1.0: we encode the known-type form byte for byte", () => {
  const a = new IceValue("::IceMX::Metrics", {
    id: "a",
    total: 10n,
    current: 1,
    totalLifetime: 20n,
    failures: 0,
  });
  const b = new IceValue("::IceMX::Metrics", { ...a.members, id: "b" });
  const out = new OutputStream({ registry: metrics });
  out.writeLong(1234n);
  out.write(metricsViewType, new Map([["view", [a, b]]]));
  out.writePendingValues();
  // Same as the vector without the FancyMetrics slice (so the type-id indices shift by one).
  const expected = hex(`
    d204000000000000
    01 04 76696577 02 ffffffff feffffff
    02
    01000000
      00 "::IceMX::Metrics" 1e000000 01 61 0a00000000000000 01000000 1400000000000000 00000000
      00 "::Ice::Object" 05000000 00
    02000000
      01 01 1e000000 01 62 0a00000000000000 01000000 1400000000000000 00000000
      01 02 05000000 00
    00`);
  assertEquals(out.finished(), expected);
});
