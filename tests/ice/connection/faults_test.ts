// Faults of the peer or the network, each of which must end in the right typed error within
// the timeout: never a hang, never an untyped exception.
import { ok, rejects } from "node:assert/strict";
import {
  CompressionNotSupportedError,
  ConnectionLostError,
  ConnectionRefusedError,
  ConnectTimeoutError,
  DnsError,
  InvocationCanceledError,
  InvocationTimeoutError,
  MessageTooLargeError,
  ProtocolError,
} from "../../../src/ice/errors.ts";
import { decodeRequest, encodeReply, validateConnectionMessage } from "../../../src/ice/message.ts";
import { connectTcp } from "../../../src/ice/tcp.ts";
import { echoCall, encapsulation, FakePeer, type PeerConn } from "./fake_peer.ts";

const header = (type: number, size: number, compression = 0) => {
  const bytes = new Uint8Array([0x49, 0x63, 0x65, 0x50, 1, 0, 1, 0, type, compression, 0, 0, 0, 0]);
  new DataView(bytes.buffer).setInt32(10, size, true);
  return bytes;
};

/** Validates, then answers the first request with `answer(requestId)` and waits for the end. */
function afterFirstRequest(answer: (peer: PeerConn, requestId: number) => Promise<void>) {
  return new FakePeer(async (peer) => {
    await peer.write(validateConnectionMessage);
    const m = await peer.readMessage();
    await answer(peer, decodeRequest(m!.body).requestId);
    await peer.untilClosed();
  });
}

async function expectCallError(server: FakePeer, errorClass: new (...a: never[]) => Error) {
  const connection = await server.connect();
  try {
    const started = Date.now();
    await rejects(connection.invoke(echoCall("x", 2000)), errorClass);
    ok(Date.now() - started < 2000, "failed before the call timeout");
    ok((await connection.closed) instanceof errorClass);
  } finally {
    await connection.close();
    await server.stop();
  }
}

Deno.test("peer closes in the middle of a reply: every pending call gets one ConnectionLostError", async () => {
  const server = new FakePeer(async (peer) => {
    await peer.write(validateConnectionMessage);
    const first = decodeRequest((await peer.readMessage())!.body);
    await peer.readMessage();
    const reply = encodeReply(first.requestId, { status: 0, encapsulation: encapsulation() });
    await peer.write(reply.subarray(0, reply.length - 3));
  });
  const connection = await server.connect();
  const errors = await Promise.all(
    [connection.invoke(echoCall("1", 2000)), connection.invoke(echoCall("2", 2000))].map((c) =>
      c.catch((e) => e)
    ),
  );
  ok(errors[0] instanceof ConnectionLostError, String(errors[0]));
  ok(errors[0] === errors[1]);
  await server.stop();
});

Deno.test("garbage instead of a reply is a ProtocolError", async () => {
  await expectCallError(
    afterFirstRequest((peer) => peer.write(new TextEncoder().encode("garbage garbage!"))),
    ProtocolError,
  );
});

Deno.test("a forged 2 GiB message size is refused before buffering", async () => {
  await expectCallError(
    afterFirstRequest((peer) => peer.write(header(2, 0x7fffffff))),
    MessageTooLargeError,
  );
  await expectCallError(
    afterFirstRequest((peer) => peer.write(header(2, -0x80000000))),
    ProtocolError,
  );
});

Deno.test("a compressed reply is refused with CompressionNotSupportedError", async () => {
  await expectCallError(
    afterFirstRequest((peer) => peer.write(header(2, 30, 2))),
    CompressionNotSupportedError,
  );
});

Deno.test("a peer that never answers: InvocationTimeoutError after the call timeout", async () => {
  const server = afterFirstRequest(() => Promise.resolve());
  const connection = await server.connect();
  const started = Date.now();
  await rejects(connection.invoke(echoCall("x", 150)), InvocationTimeoutError);
  ok(Date.now() - started < 1500);
  await connection.close();
  await server.stop();
});

Deno.test("a reply with a different request id is ignored; the call times out", async () => {
  const server = afterFirstRequest((peer, id) =>
    peer.write(encodeReply(id + 1000, { status: 0, encapsulation: encapsulation() }))
  );
  const connection = await server.connect();
  await rejects(connection.invoke(echoCall("x", 150)), InvocationTimeoutError);
  await connection.close();
  await server.stop();
});

Deno.test("a server that never validates: ConnectTimeoutError", async () => {
  const server = new FakePeer(async (peer) => void await peer.readMessage());
  const started = Date.now();
  await rejects(server.connect({ validateTimeoutMs: 150 }), ConnectTimeoutError);
  ok(Date.now() - started < 1500);
  await server.stop();
});

Deno.test("an HTTP server on the port: ProtocolError naming the bytes it sent", async () => {
  const server = new FakePeer(async (peer) => {
    await peer.write(new TextEncoder().encode("HTTP/1.1 400 Bad Request\r\n\r\n"));
    await peer.readMessage();
  });
  await rejects(
    server.connect(),
    (e: Error) => e instanceof ProtocolError && /HTTP/.test(e.message),
  );
  await server.stop();
});

Deno.test("a server that closes before validating: ConnectionLostError", async () => {
  const server = new FakePeer(() => Promise.resolve());
  await rejects(server.connect(), ConnectionLostError);
  await server.stop();
});

Deno.test("a first message other than ValidateConnection is a ProtocolError", async () => {
  const server = new FakePeer(async (peer) => {
    await peer.write(encodeReply(1, { status: 0, encapsulation: encapsulation() }));
    await peer.readMessage();
  });
  await rejects(server.connect(), ProtocolError);
  await server.stop();
});

Deno.test("tcp connect: refused port and unknown host give typed errors", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const endpoint = { kind: "tcp" as const, host: "127.0.0.1", port, timeout: -1, compress: false };
  await rejects(connectTcp(endpoint, { timeoutMs: 2000 }), ConnectionRefusedError);
  await rejects(
    connectTcp({ ...endpoint, host: "no-such-host.invalid" }, { timeoutMs: 3000 }),
    DnsError,
  );
  const aborted = new AbortController();
  aborted.abort();
  await rejects(
    connectTcp(endpoint, { timeoutMs: 2000, signal: aborted.signal }),
    InvocationCanceledError,
  );
});
