// In-process peers for transport tests: TLS and WebSocket echo servers, a silent TCP listener
// and `openssl s_server` for cipher suites rustls cannot serve (anonymous DH, TLS 1.0).
import { freePort } from "../../../testserver/ports.ts";

export interface TestServer extends AsyncDisposable {
  port: number;
}

async function echo(conn: Deno.Conn, onData?: (chunk: Uint8Array) => void): Promise<void> {
  try {
    for await (const chunk of conn.readable) {
      onData?.(chunk);
      await conn.write(chunk);
    }
  } catch {
    // The client went away; nothing to echo to.
  }
}

/** Hands every accepted connection to `handle`; disposing stops accepting and waits for them. */
function serve(listener: Deno.Listener, handle: (conn: Deno.Conn) => Promise<void>): TestServer {
  const handled: Promise<void>[] = [];
  const accepting = (async () => {
    for await (const conn of listener) handled.push(handle(conn));
  })().catch(() => {});
  return {
    port: (listener.addr as Deno.NetAddr).port,
    async [Symbol.asyncDispose]() {
      listener.close();
      await accepting;
      await Promise.all(handled);
    },
  };
}

/** TLS echo server with the given certificate, on `port` (a free one if 0); `onData` sees the bytes. */
export function tlsEchoServer(
  certPath: string,
  keyPath: string,
  port = 0,
  onData?: (chunk: Uint8Array) => void,
): TestServer {
  const listener = Deno.listenTls({
    hostname: "127.0.0.1",
    port,
    cert: Deno.readTextFileSync(certPath),
    key: Deno.readTextFileSync(keyPath),
  });
  return serve(listener, (conn) => echo(conn, onData));
}

/** Reads the client's first bytes (a TLS ClientHello), then closes without a word or an alert. */
export function hangUpServer(): TestServer {
  return serve(Deno.listen({ hostname: "127.0.0.1", port: 0 }), async (conn) => {
    await conn.read(new Uint8Array(4096)).catch(() => null);
    conn.close();
  });
}

/** Accepts TCP connections and never says anything. */
export function silentServer(greeting?: Uint8Array): TestServer {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns: Deno.Conn[] = [];
  const drains: Promise<void>[] = [];
  const accepting = (async () => {
    for await (const conn of listener) {
      conns.push(conn);
      if (greeting) await conn.write(greeting).catch(() => 0);
      drains.push(conn.readable.pipeTo(new WritableStream()).catch(() => {}));
    }
  })().catch(() => {});
  return {
    port: listener.addr.port,
    async [Symbol.asyncDispose]() {
      listener.close();
      await accepting;
      for (const conn of conns) {
        try {
          conn.close();
        } catch {
          // already closed by the peer
        }
      }
      await Promise.all(drains);
    },
  };
}

/**
 * WebSocket echo server on `path` (other paths answer 404). `protocol` is the subprotocol it
 * accepts (undefined: it offers none). With cert/key it serves wss.
 */
export function webSocketEchoServer(
  options: { path: string; protocol?: string; certPath?: string; keyPath?: string },
): TestServer {
  const tls = options.certPath && options.keyPath
    ? { cert: Deno.readTextFileSync(options.certPath), key: Deno.readTextFileSync(options.keyPath) }
    : {};
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {}, ...tls },
    (request) => {
      if (new URL(request.url).pathname !== options.path) {
        return new Response("no such path", { status: 404 });
      }
      const { socket, response } = Deno.upgradeWebSocket(
        request,
        options.protocol ? { protocol: options.protocol } : {},
      );
      socket.binaryType = "arraybuffer";
      socket.onmessage = (event) => socket.send(event.data);
      return response;
    },
  );
  return {
    port: server.addr.port,
    async [Symbol.asyncDispose]() {
      await server.shutdown();
    },
  };
}

/** `openssl s_server` with extra arguments, e.g. anonymous-DH only. */
export async function opensslServer(args: string[]): Promise<TestServer> {
  const port = await freePort();
  const child = new Deno.Command("openssl", {
    args: ["s_server", "-accept", `127.0.0.1:${port}`, "-quiet", ...args],
    stdin: "piped",
    stdout: "null",
    stderr: "null",
  }).spawn();
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      (await Deno.connect({ hostname: "127.0.0.1", port })).close();
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  return {
    port,
    async [Symbol.asyncDispose]() {
      child.kill();
      await child.stdin.close().catch(() => {});
      await child.status;
    },
  };
}
