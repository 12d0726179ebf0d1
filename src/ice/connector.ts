// Chooses the transport for an endpoint: tcp, ssl (TLS), ws or wss (WebSocket).
import { connectTcp } from "./tcp.ts";
import { connectSsl } from "./tls.ts";
import type { Connector } from "./transport.ts";
import { connectWebSocket } from "./ws.ts";

export const connect: Connector = (endpoint, options) => {
  switch (endpoint.kind) {
    case "tcp":
      return connectTcp(endpoint, options);
    case "ssl":
      return connectSsl(endpoint, options);
    case "ws":
    case "wss":
      return connectWebSocket(endpoint, options);
  }
};
