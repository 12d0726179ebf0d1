// The ws transport (Ice over WebSocket, no TLS) on Deno's own WebSocket, which needs neither
// node:http nor the npm `ws` package and so starts a process faster; wss stays on `ws`
// (src/ice/ws.ts) for its certificate checks. Subprotocol `ice.zeroc.com`, the endpoint's
// resource path, one binary frame per write; received binary payloads form a byte stream.
// Deno's WebSocket does not say why its TCP connect failed, so a plain TCP connect is asked
// instead, to tell a refused connection from an unknown host or an unreachable network.
// It cannot be paused either: received data goes straight to the connection's reader, whose
// framer refuses oversized messages, so what waits in memory stays bounded by one message.
import { connectWithin } from "./connect-deadline.ts";
import { ConnectFailedError, IceError, ProtocolError, WebSocketError } from "./errors.ts";
import { ChunkQueue, connectFailure, connectionLost } from "./socket-transceiver.ts";
import type { ConnectOptions, Transceiver } from "./transport.ts";
import type { IpEndpoint } from "./types.ts";
import { ICE_WEBSOCKET_PROTOCOL, webSocketUrl } from "./ws-url.ts";

export function connectPlainWebSocket(
  endpoint: IpEndpoint,
  options: ConnectOptions,
): Promise<Transceiver> {
  const url = webSocketUrl(endpoint);
  const description = `ws ${url}`;
  return connectWithin<Transceiver>(description, options, ({ resolve, fail }) => {
    const socket = new WebSocket(url, [ICE_WEBSOCKET_PROTOCOL]);
    socket.binaryType = "arraybuffer";
    // Listening from the start: the server's ValidateConnection follows the 101 answer at once.
    const transceiver = webSocketTransceiver(socket, description);
    const onOpen = () => {
      if (socket.protocol === ICE_WEBSOCKET_PROTOCOL) return resolve(transceiver);
      fail(
        new WebSocketError(
          `${description}: the server did not agree to the subprotocol ${ICE_WEBSOCKET_PROTOCOL}`,
        ),
      );
    };
    const onError = (event: Event) => {
      const message = event instanceof ErrorEvent ? event.message : "WebSocket error";
      const status = /Invalid status code:? (\d{3})/u.exec(message);
      if (status) {
        return fail(
          new WebSocketError(`${description}: WebSocket upgrade refused with HTTP ${status[1]}`),
        );
      }
      whyNotConnected(endpoint, description, message, options).then(fail, fail);
    };
    socket.addEventListener("open", onOpen);
    socket.addEventListener("error", onError);
    return {
      detach: () => {
        socket.removeEventListener("open", onOpen);
        socket.removeEventListener("error", onError);
      },
      abandon: () => transceiver.close(),
    };
  });
}

/** The typed reason a WebSocket connect failed, from a plain TCP connect to the same port. */
async function whyNotConnected(
  endpoint: IpEndpoint,
  description: string,
  message: string,
  options: ConnectOptions,
): Promise<IceError> {
  const { connectTcp } = await import("./tcp.ts");
  try {
    (await connectTcp({ ...endpoint, kind: "tcp" }, options)).close();
  } catch (error) {
    const cause = error instanceof IceError && error.cause !== undefined ? error.cause : error;
    return connectFailure(description, cause);
  }
  // TCP works: the WebSocket handshake itself failed.
  return message.includes("tcp connect")
    ? new ConnectFailedError(`cannot connect to ${description}: ${message}`)
    : new WebSocketError(`${description}: ${message}`);
}

function webSocketTransceiver(socket: WebSocket, description: string): Transceiver {
  const queue = new ChunkQueue(() => {}, () => {});
  socket.addEventListener("message", (event: MessageEvent) => {
    if (event.data instanceof ArrayBuffer) return queue.push(new Uint8Array(event.data));
    queue.fail(new ProtocolError(`${description}: received a text frame`));
    socket.close();
  });
  socket.addEventListener("close", () => queue.end());
  socket.addEventListener("error", (event) => {
    const message = event instanceof ErrorEvent ? event.message : "WebSocket error";
    queue.fail(connectionLost(description, message));
  });
  return {
    description,
    read: () => queue.read(),
    write: (data) => {
      if (socket.readyState !== WebSocket.OPEN) {
        return Promise.reject(connectionLost(description, "WebSocket is closed"));
      }
      // Ice refuses empty data frames.
      if (data.length > 0) socket.send(data);
      return Promise.resolve();
    },
    close: () => {
      queue.discard();
      if (socket.readyState === WebSocket.OPEN) socket.close(1000);
      else if (socket.readyState === WebSocket.CONNECTING) socket.close();
    },
  };
}
