// Chooses the transport for an endpoint: tcp, ssl (TLS), ws (Deno's WebSocket) or wss (npm
// `ws`). Each is loaded only when used, so a tcp login does not pay for TLS or WebSockets.
import { connectTcp } from "./tcp.ts";
import type { Connector } from "./transport.ts";

export const connect: Connector = async (endpoint, options) => {
  switch (endpoint.kind) {
    case "tcp":
      return connectTcp(endpoint, options);
    case "ssl":
      return (await import("./tls.ts")).connectSsl(endpoint, options);
    case "ws":
      return (await import("./ws-plain.ts")).connectPlainWebSocket(endpoint, options);
    case "wss":
      return (await import("./ws.ts")).connectWebSocket(endpoint, options);
  }
};
