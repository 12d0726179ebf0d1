// The client connection against scripted fake peers over loopback tcp: normal calls,
// multiplexing, every reply status, heartbeats, cancellation and graceful close.
import { deepStrictEqual as assertEquals, ok, rejects } from "node:assert/strict";
import {
  CloseConnectionError,
  ConnectionClosedError,
  FacetNotExistError,
  InvocationCanceledError,
  ObjectNotExistError,
  OperationNotExistError,
  UnknownError,
  UnknownLocalError,
  UnknownUserError,
  UserException,
} from "../../../src/ice/errors.ts";
import { InputStream } from "../../../src/ice/input-stream.ts";
import {
  closeConnectionMessage,
  decodeReply,
  decodeRequest,
  encodeReply,
  encodeRequest,
  MessageType,
  ReplyStatus,
  validateConnectionMessage,
} from "../../../src/ice/message.ts";
import { OutputStream } from "../../../src/ice/output-stream.ts";
import { OperationMode } from "../../../src/ice/types.ts";
import { TypeRegistry } from "../../../src/ice/values.ts";
import { echoCall, encapsulation, FakePeer, type PeerConn } from "./fake_peer.ts";

/** Answers each echo request with its own string parameter, in arrival order or reversed. */
async function echoServer(peer: PeerConn, batch = 1): Promise<void> {
  await peer.write(validateConnectionMessage);
  for (;;) {
    const requests = [];
    for (let i = 0; i < batch; i++) {
      const m = await peer.readMessage();
      if (!m || m.header.type === MessageType.CloseConnection) return;
      if (m.header.type === MessageType.Request) requests.push(decodeRequest(m.body));
      else i--;
    }
    for (const r of requests.reverse()) {
      const input = new InputStream(r.params);
      input.startEncapsulation();
      const text = input.readString();
      const reply = encapsulation((o) => o.writeString(`${r.operation}:${text}`));
      await peer.write(encodeReply(r.requestId, { status: 0, encapsulation: reply }));
    }
  }
}

Deno.test("a twoway call returns the reply's out-parameters", async () => {
  const server = new FakePeer((p) => echoServer(p));
  const connection = await server.connect();
  const reply = await connection.invoke(echoCall("hello"));
  assertEquals(reply.readString(), "echo:hello");
  reply.endEncapsulation();
  await connection.close();
  await server.stop();
});

Deno.test("concurrent calls are matched to replies by request id", async () => {
  const server = new FakePeer((p) => echoServer(p, 5));
  const connection = await server.connect();
  const texts = ["a", "b", "c", "d", "e"];
  const replies = await Promise.all(texts.map((t) => connection.invoke(echoCall(t))));
  assertEquals(replies.map((r) => r.readString()), texts.map((t) => `echo:${t}`));
  await connection.close();
  await server.stop();
});

Deno.test("every reply status maps to its typed error", async () => {
  const registry = new TypeRegistry().defineException(
    { typeId: "::test::Base", members: [["reason", "string"]] },
    { typeId: "::test::Derived", base: "::test::Base", members: [["code", "int"]] },
  );
  const target = { identity: { name: "obj", category: "cat" }, facet: "f", operation: "op" };
  const exceptionWriter = new OutputStream({ registry });
  exceptionWriter.startEncapsulation();
  exceptionWriter.writeException("::test::Derived", { reason: "no", code: 7 });
  exceptionWriter.endEncapsulation();
  const bodies = [
    { status: 1 as const, encapsulation: exceptionWriter.finished() },
    { status: 2 as const, ...target },
    { status: 3 as const, ...target },
    { status: 4 as const, ...target },
    { status: 5 as const, text: "unexpected operation mode" },
    { status: 6 as const, text: "undeclared" },
    { status: 7 as const, text: "crash" },
  ];
  const server = new FakePeer(async (peer) => {
    await peer.write(validateConnectionMessage);
    for (const body of bodies) {
      const m = await peer.readMessage();
      await peer.write(encodeReply(decodeRequest(m!.body).requestId, body));
    }
    await peer.readMessage();
  });
  const connection = await server.connect({ registry });
  const errors: Error[] = [];
  for (const _ of bodies) {
    errors.push(await connection.invoke(echoCall("x")).then(() => new Error("no error"), (e) => e));
  }
  const [user, one, facet, operation, local, unknownUser, unknown] = errors;
  ok(user instanceof UserException);
  assertEquals([user.typeId, user.knownTypeId, user.value], [
    "::test::Derived",
    "::test::Derived",
    { code: 7, reason: "no" },
  ]);
  ok(one instanceof ObjectNotExistError);
  assertEquals([one.identity, one.facet, one.operation], [target.identity, "f", "op"]);
  ok(facet instanceof FacetNotExistError);
  ok(operation instanceof OperationNotExistError);
  ok(local instanceof UnknownLocalError && local.message === "unexpected operation mode");
  ok(unknownUser instanceof UnknownUserError && unknownUser.message === "undeclared");
  ok(unknown instanceof UnknownError && unknown.message === "crash");
  await connection.close();
  await server.stop();
});

Deno.test("heartbeats are ValidateConnection messages at the given interval", async () => {
  let heartbeats = 0;
  const server = new FakePeer(async (peer) => {
    await peer.write(validateConnectionMessage);
    for (let m = await peer.readMessage(); m; m = await peer.readMessage()) {
      if (m.header.type === MessageType.ValidateConnection) heartbeats++;
      if (m.header.type === MessageType.CloseConnection) return;
    }
  });
  const connection = await server.connect();
  connection.startHeartbeat(10);
  await new Promise((r) => setTimeout(r, 100));
  await connection.close();
  await server.stop();
  ok(heartbeats >= 3, `${heartbeats} heartbeats`);
});

Deno.test("graceful close waits for replies, sends CloseConnection, refuses new calls", async () => {
  const peerDone = Promise.withResolvers<boolean>();
  const server = new FakePeer(async (peer) => {
    await peer.write(validateConnectionMessage);
    const request = decodeRequest((await peer.readMessage())!.body);
    const close = peer.readMessage();
    await new Promise((r) => setTimeout(r, 50)); // close() is already waiting for this reply
    await peer.write(encodeReply(request.requestId, { status: 0, encapsulation: encapsulation() }));
    peerDone.resolve((await close)?.header.type === MessageType.CloseConnection);
  });
  const connection = await server.connect();
  const call = connection.invoke(echoCall("slow"));
  await new Promise((r) => setTimeout(r, 10));
  const closing = connection.close();
  await rejects(connection.invoke(echoCall("late")), ConnectionClosedError);
  await call;
  await closing;
  ok(await peerDone.promise, "the peer received CloseConnection");
  ok((await connection.closed) instanceof ConnectionClosedError);
  await server.stop();
});

Deno.test("close ends the connection after CloseConnection, without waiting for the peer", async () => {
  // The peer keeps its side open until it sees ours end (or gives up after 2 s and reports
  // that it did not), so a client that waits for the peer's FIN fails here.
  const peerSaw = Promise.withResolvers<{ close: boolean; end: boolean }>();
  const server = new FakePeer(async (peer) => {
    await peer.write(validateConnectionMessage);
    const close = (await peer.readMessage())?.header.type === MessageType.CloseConnection;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const gaveUp = new Promise<false>((resolve) => timer = setTimeout(() => resolve(false), 2000));
    const end = await Promise.race([peer.readMessage().then((m) => m === null), gaveUp]);
    clearTimeout(timer);
    peerSaw.resolve({ close, end });
  });
  const connection = await server.connect({ closeTimeoutMs: 120_000 });
  await connection.close();
  ok((await connection.closed) instanceof ConnectionClosedError);
  assertEquals(await peerSaw.promise, { close: true, end: true });
  await server.stop();
});

Deno.test("CloseConnection from the peer fails pending calls with CloseConnectionError", async () => {
  const server = new FakePeer(async (peer) => {
    await peer.write(validateConnectionMessage);
    await peer.readMessage();
    await peer.readMessage();
    await peer.write(closeConnectionMessage);
    await peer.readMessage();
  });
  const connection = await server.connect();
  const calls = [connection.invoke(echoCall("1")), connection.invoke(echoCall("2"))];
  const errors = await Promise.all(calls.map((c) => c.catch((e) => e)));
  ok(errors[0] instanceof CloseConnectionError);
  ok(errors[0] === errors[1], "one error for all pending calls");
  ok((await connection.closed) === errors[0]);
  await server.stop();
});

Deno.test("an aborted call rejects at once; its late reply is dropped", async () => {
  const server = new FakePeer(async (peer) => {
    await peer.write(validateConnectionMessage);
    const first = decodeRequest((await peer.readMessage())!.body);
    const second = decodeRequest((await peer.readMessage())!.body);
    const ok = encapsulation((o) => o.writeString("fine"));
    await peer.write(encodeReply(first.requestId, { status: 0, encapsulation: ok }));
    await peer.write(encodeReply(second.requestId, { status: 0, encapsulation: ok }));
    await peer.readMessage();
  });
  const connection = await server.connect();
  const controller = new AbortController();
  const aborted = connection.invoke({ ...echoCall("a"), signal: controller.signal });
  controller.abort();
  await rejects(aborted, InvocationCanceledError);
  assertEquals((await connection.invoke(echoCall("b"))).readString(), "fine");
  const already = new AbortController();
  already.abort();
  await rejects(
    connection.invoke({ ...echoCall("c"), signal: already.signal }),
    InvocationCanceledError,
  );
  await connection.close();
  await server.stop();
});

Deno.test("a request from the server is answered with ObjectNotExist", async () => {
  let answer: ReturnType<typeof decodeReply> | undefined;
  const server = new FakePeer(async (peer) => {
    await peer.write(validateConnectionMessage);
    await peer.write(encodeRequest({
      requestId: 9,
      identity: { name: "callback", category: "c" },
      operation: "ping",
      mode: OperationMode.Normal,
      params: encapsulation(),
    }));
    const m = await peer.readMessage();
    answer = decodeReply(m!.body);
    await peer.readMessage();
  });
  const connection = await server.connect();
  await new Promise((r) => setTimeout(r, 50));
  await connection.close();
  await server.stop();
  ok(answer && answer.requestId === 9 && answer.status === ReplyStatus.ObjectNotExist);
  ok("error" in answer && answer.error instanceof ObjectNotExistError);
  assertEquals(answer.error.operation, "ping");
});
