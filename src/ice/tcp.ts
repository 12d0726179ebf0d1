// The tcp transport: a plain node:net socket carrying the Ice byte stream.
import net from "node:net";
import { connectWithin } from "./connect-deadline.ts";
import { connectFailure, socketTransceiver } from "./socket-transceiver.ts";
import type { ConnectOptions, Transceiver } from "./transport.ts";
import { hostPortKey, type IpEndpoint } from "./types.ts";

/** Opens TCP to the endpoint within `timeoutMs`; DNS, refusal and timeout give typed errors. */
export function connectTcp(endpoint: IpEndpoint, options: ConnectOptions): Promise<Transceiver> {
  const description = `tcp ${hostPortKey(endpoint.host, endpoint.port)}`;
  return connectWithin<Transceiver>(description, options, ({ resolve, fail }) => {
    const socket = net.connect({ host: endpoint.host, port: endpoint.port });
    const onError = (error: Error) => fail(connectFailure(description, error));
    socket.on("error", onError);
    socket.once("connect", () => {
      socket.setNoDelay(true); // requests are small and latency-bound
      resolve(socketTransceiver(socket, description));
    });
    return { detach: () => socket.off("error", onError), abandon: () => socket.destroy() };
  });
}
