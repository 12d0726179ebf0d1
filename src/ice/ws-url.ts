// What both WebSocket transports (ws on Deno's WebSocket, wss on npm `ws`) agree on: the Ice
// subprotocol and the URL of an endpoint (its resource path, `/` by default).
import { hostPortKey, type IpEndpoint } from "./types.ts";

export const ICE_WEBSOCKET_PROTOCOL = "ice.zeroc.com";

export function webSocketUrl(endpoint: IpEndpoint): string {
  const scheme = endpoint.kind === "wss" ? "wss" : "ws";
  const resource = endpoint.resource?.startsWith("/") ? endpoint.resource : "/";
  return `${scheme}://${hostPortKey(endpoint.host, endpoint.port)}${resource}`;
}
