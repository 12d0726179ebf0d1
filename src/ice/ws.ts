// The wss transport (Ice over WebSocket over TLS) on the npm `ws` package, whose TLS socket can
// be inspected (plain ws uses Deno's own WebSocket, which starts faster: src/ice/ws-plain.ts);
// only wss endpoints come here:
// subprotocol `ice.zeroc.com`, the endpoint's resource path, one binary frame per write. Received
// binary payloads form a byte stream; frame boundaries carry no meaning. The TLS handshake and
// the peer check are those of the ssl transport.
import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import WebSocket from "ws";
import { connectWithin } from "./connect-deadline.ts";
import { ProtocolError, WebSocketError } from "./errors.ts";
import { ChunkQueue, connectFailure, connectionLost } from "./socket-transceiver.ts";
import { handshakeFailure, peerCheck, peerOf, tlsConnectOptions } from "./tls.ts";
import type { ConnectOptions, Transceiver } from "./transport.ts";
import { hostPortKey, type IpEndpoint } from "./types.ts";
import { ICE_WEBSOCKET_PROTOCOL, webSocketUrl } from "./ws-url.ts";

/** How long a graceful WebSocket close may wait for the peer's close frame. */
const CLOSE_TIMEOUT_MS = 2000;
/** Frames larger than Ice's 64 MiB message limit (plus slack) are refused by `ws` itself. */
const MAX_FRAME_BYTES = 64 * 1024 * 1024 + 1024;

export async function connectWebSocket(
  endpoint: IpEndpoint,
  options: ConnectOptions,
): Promise<Transceiver> {
  const check = await peerCheck(endpoint, options.trust);
  const url = webSocketUrl(endpoint);
  const description = `${endpoint.kind} ${url}`;
  const hostPort = hostPortKey(endpoint.host, endpoint.port);
  return connectWithin<Transceiver>(description, options, ({ resolve, fail }) => {
    const socket = new WebSocket(url, [ICE_WEBSOCKET_PROTOCOL], {
      perMessageDeflate: false,
      followRedirects: false,
      maxPayload: MAX_FRAME_BYTES,
      // In ws 8.23, missing from @types/ws 8.18.
      ...({ closeTimeout: CLOSE_TIMEOUT_MS } as WebSocket.ClientOptions),
      ...tlsConnectOptions(endpoint.host, check),
    });
    socket.binaryType = "nodebuffer";
    // Listening from the start: the server's ValidateConnection may arrive with the 101 answer,
    // before the peer check is done.
    const transceiver = webSocketTransceiver(socket, description);
    let peerChecked: Promise<void> = Promise.resolve();
    let upgraded = false;
    const onUpgrade = (response: IncomingMessage) => {
      upgraded = true;
      const tlsSocket = response.socket as TLSSocket;
      peerChecked = check.verify(peerOf(tlsSocket, endpoint.host, endpoint.port));
    };
    const onUnexpectedResponse = (_request: unknown, response: IncomingMessage) =>
      fail(
        new WebSocketError(
          `${description}: WebSocket upgrade refused with HTTP ${response.statusCode} ` +
            `${response.statusMessage ?? ""}`.trimEnd(),
        ),
      );
    const onError = (error: Error & { code?: string }) => {
      if (upgraded) return fail(new WebSocketError(`${description}: ${error.message}`));
      if (/SSL|TLS|alert|handshake|corrupt/i.test(`${error.code} ${error.message}`)) {
        return fail(handshakeFailure(hostPort, endpoint.host, error));
      }
      if (/subprotocol|Invalid Sec-WebSocket|Invalid Upgrade/i.test(error.message)) {
        return fail(new WebSocketError(`${description}: ${error.message}`));
      }
      fail(connectFailure(description, error));
    };
    const onOpen = () => peerChecked.then(() => resolve(transceiver), fail);
    socket.on("upgrade", onUpgrade);
    socket.on("unexpected-response", onUnexpectedResponse);
    socket.on("error", onError);
    socket.on("open", onOpen);
    return {
      detach: () => {
        socket.off("upgrade", onUpgrade);
        socket.off("unexpected-response", onUnexpectedResponse);
        socket.off("error", onError);
        socket.off("open", onOpen);
      },
      abandon: () => {
        transceiver.close();
        socket.terminate();
      },
    };
  });
}

function webSocketTransceiver(socket: WebSocket, description: string): Transceiver {
  const queue = new ChunkQueue(() => socket.pause(), () => socket.resume());
  socket.on("message", (data: Uint8Array, isBinary: boolean) => {
    if (isBinary) return queue.push(new Uint8Array(data));
    queue.fail(new ProtocolError(`${description}: received a text frame`));
    socket.terminate();
  });
  socket.on("close", () => queue.end());
  socket.on("error", (error) => queue.fail(connectionLost(description, error)));
  return {
    description,
    read: () => queue.read(),
    write: (data) =>
      new Promise((resolve, reject) => {
        if (socket.readyState !== WebSocket.OPEN) {
          return reject(connectionLost(description, "WebSocket is closed"));
        }
        // Ice refuses empty data frames.
        if (data.length === 0) return resolve();
        socket.send(
          data,
          { binary: true },
          (error) => error ? reject(connectionLost(description, error)) : resolve(),
        );
      }),
    close: () => {
      queue.discard();
      if (socket.readyState === WebSocket.OPEN) socket.close(1000);
      else socket.terminate();
    },
  };
}
