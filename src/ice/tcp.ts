// The tcp transport: a plain node:net socket carrying the Ice byte stream.
import net from "node:net";
import { ConnectTimeoutError, InvocationCanceledError } from "./errors.ts";
import { hostPortKey } from "./known-hosts.ts";
import { connectFailure, socketTransceiver } from "./socket-transceiver.ts";
import type { ConnectOptions, Transceiver } from "./transport.ts";
import type { IpEndpoint } from "./types.ts";

/** Opens TCP to the endpoint within `timeoutMs`; DNS, refusal and timeout give typed errors. */
export function connectTcp(endpoint: IpEndpoint, options: ConnectOptions): Promise<Transceiver> {
  const description = `tcp ${hostPortKey(endpoint.host, endpoint.port)}`;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: endpoint.host, port: endpoint.port });
    const fail = (error: Error) => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new ConnectTimeoutError(`connecting to ${description} timed out`)),
      options.timeoutMs,
    );
    const onAbort = () =>
      fail(new InvocationCanceledError(`connecting to ${description} canceled`));
    const onError = (error: Error) => fail(connectFailure(description, error));
    const cleanup = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      socket.off("error", onError);
    };
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener("abort", onAbort);
    socket.on("error", onError);
    socket.once("connect", () => {
      cleanup();
      socket.setNoDelay(true); // requests are small and latency-bound
      resolve(socketTransceiver(socket, description));
    });
  });
}
