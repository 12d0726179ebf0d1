import assert from "node:assert/strict";
import {
  ConnectionRefusedError,
  ConnectTimeoutError,
  InvocationCanceledError,
  WebSocketError,
} from "../../../src/ice/errors.ts";
import type { TlsTrust, Transceiver } from "../../../src/ice/transport.ts";
import type { IpEndpoint } from "../../../src/ice/types.ts";
import { connectWebSocket } from "../../../src/ice/ws.ts";
import { connectPlainWebSocket } from "../../../src/ice/ws-plain.ts";
import { ICE_WEBSOCKET_PROTOCOL, webSocketUrl } from "../../../src/ice/ws-url.ts";
import { makeCertificate } from "../../../testserver/certs.ts";
import { freePort } from "../../../testserver/ports.ts";
import { acceptingTrust } from "../../fixtures/accepting-trust.ts";
import { silentServer, webSocketEchoServer } from "./servers.ts";

function endpoint(kind: "ws" | "wss", port: number, resource: string): IpEndpoint {
  return { kind, host: "127.0.0.1", port, timeout: 60000, compress: false, resource };
}

/** Writes a message in two frames and reads the echo back as a byte stream. */
async function echoes(transceiver: Transceiver): Promise<void> {
  try {
    await transceiver.write(new Uint8Array([1, 2, 3]));
    await transceiver.write(new Uint8Array(70000).fill(7));
    let received = 0;
    while (received < 70003) received += (await transceiver.read())!.length;
    assert.equal(received, 70003);
  } finally {
    transceiver.close();
  }
  assert.equal(await transceiver.read(), null);
}

Deno.test("ws: the URL carries host, port and resource", () => {
  assert.equal(webSocketUrl(endpoint("wss", 443, "/omero-ws")), "wss://127.0.0.1:443/omero-ws");
  assert.equal(
    webSocketUrl({ ...endpoint("ws", 80, "/"), host: "::1" }),
    "ws://[::1]:80/",
  );
});

Deno.test("ws: binary frames over the resource path with subprotocol ice.zeroc.com", async () => {
  await using server = webSocketEchoServer({ path: "/omero-ws", protocol: ICE_WEBSOCKET_PROTOCOL });
  await echoes(
    await connectPlainWebSocket(endpoint("ws", server.port, "/omero-ws"), { timeoutMs: 5000 }),
  );
  await assert.rejects(
    connectPlainWebSocket(endpoint("ws", server.port, "/elsewhere"), { timeoutMs: 5000 }),
    (error: Error) => error instanceof WebSocketError && /HTTP 404/.test(error.message),
  );
});

Deno.test("ws: a server that does not agree to ice.zeroc.com is refused", async () => {
  await using server = webSocketEchoServer({ path: "/" });
  await assert.rejects(
    connectPlainWebSocket(endpoint("ws", server.port, "/"), { timeoutMs: 5000 }),
    WebSocketError,
  );
});

Deno.test("wss: the trust callback names the CAs, judges the peer, and its refusal stands", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const leaf = await makeCertificate(dir, { kind: "leaf" });
    const other = await makeCertificate(await Deno.makeTempDir({ dir }), { kind: "leaf" });
    await using server = webSocketEchoServer({
      path: "/ice",
      protocol: ICE_WEBSOCKET_PROTOCOL,
      certPath: leaf.certPath,
      keyPath: leaf.keyPath,
    });
    const wss = endpoint("wss", server.port, "/ice");
    for (const [ca, authorized] of [[[leaf.pem], true], [[other.pem], false]] as const) {
      const { trust, peers, asked } = acceptingTrust([...ca]);
      await echoes(await connectWebSocket(wss, { timeoutMs: 5000, trust }));
      assert.deepEqual(asked, [`127.0.0.1:${server.port}`]);
      assert.equal(peers[0].authorized, authorized);
      assert.equal(peers[0].fingerprint256, leaf.fingerprint256);
    }
    const refusal = new Error("refused by policy");
    const refusing: TlsTrust = {
      forPeer: () => Promise.resolve({ verify: () => Promise.reject(refusal) }),
    };
    await assert.rejects(
      connectWebSocket(wss, { timeoutMs: 5000, trust: refusing }),
      (error) => error === refusal,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ws: refused, silent and canceled connects give typed errors", async () => {
  await assert.rejects(
    connectPlainWebSocket(endpoint("ws", await freePort(), "/"), { timeoutMs: 5000 }),
    ConnectionRefusedError,
  );
  await using silent = silentServer();
  await assert.rejects(
    connectPlainWebSocket(endpoint("ws", silent.port, "/"), { timeoutMs: 300 }),
    ConnectTimeoutError,
  );
  const controller = new AbortController();
  const connecting = connectPlainWebSocket(endpoint("ws", silent.port, "/"), {
    timeoutMs: 5000,
    signal: controller.signal,
  });
  controller.abort();
  await assert.rejects(connecting, InvocationCanceledError);
});
