/** Free loopback ports for test servers (the OS picks them; we release them at once). */
import { createServer } from "node:net";

/** A TCP port that is free on `host` right now. */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  const [port] = await freePorts(1, host);
  return port;
}

/** `n` distinct free ports; all are held open together so the OS cannot hand one out twice. */
export async function freePorts(n: number, host = "127.0.0.1"): Promise<number[]> {
  const servers = Array.from({ length: n }, () => createServer());
  try {
    return await Promise.all(servers.map((server) =>
      new Promise<number>((resolve, reject) => {
        server.once("error", reject);
        server.listen({ host, port: 0, exclusive: true }, () => {
          const address = server.address();
          if (typeof address === "object" && address) resolve(address.port);
          else reject(new Error("no port assigned"));
        });
      })
    ));
  } finally {
    await Promise.all(
      servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
    );
  }
}
