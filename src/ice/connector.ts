// Chooses the transport for an endpoint: tcp, ssl (TLS), ws or wss (WebSocket). TLS and the
// WebSocket library are loaded only when used, so a tcp login does not pay for them.
import { connectTcp } from "./tcp.ts";
import type { Connector } from "./transport.ts";

export const connect: Connector = async (endpoint, options) => {
  switch (endpoint.kind) {
    case "tcp":
      return connectTcp(endpoint, options);
    case "ssl":
      return (await import("./tls.ts")).connectSsl(endpoint, options);
    case "ws":
    case "wss":
      return (await import("./ws.ts")).connectWebSocket(endpoint, options);
  }
};
