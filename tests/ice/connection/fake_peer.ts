// An in-process fake Ice server on a free loopback port, scripted per test, so that the client
// connection can be driven into every fault (silence, garbage, early close, wrong ids…).
import { connectTcp } from "../../../src/ice/tcp.ts";
import { Connection, type ConnectionOptions } from "../../../src/ice/connection.ts";
import { MessageFramer, type MessageHeader, MessageType } from "../../../src/ice/message.ts";
import { Encoding_1_0, OperationMode } from "../../../src/ice/types.ts";
import { OutputStream } from "../../../src/ice/output-stream.ts";

export interface PeerMessage {
  header: MessageHeader;
  body: Uint8Array;
}

/** The server side of one accepted connection. */
export class PeerConn {
  readonly #framer = new MessageFramer();
  constructor(readonly conn: Deno.Conn) {}

  async write(bytes: Uint8Array): Promise<void> {
    for (let at = 0; at < bytes.length;) at += await this.conn.write(bytes.subarray(at));
  }

  /** The next whole message from the client, or null at end of stream. */
  async readMessage(): Promise<PeerMessage | null> {
    for (;;) {
      const m = this.#framer.next();
      if (m) return m;
      const buf = new Uint8Array(4096);
      const n = await this.conn.read(buf).catch(() => null);
      if (n === null) return null;
      this.#framer.push(buf.slice(0, n));
    }
  }

  /** Reads until the client sends CloseConnection or the stream ends (a real peer then closes). */
  async untilClosed(): Promise<void> {
    for (let m = await this.readMessage(); m; m = await this.readMessage()) {
      if (m.header.type === MessageType.CloseConnection) return;
    }
  }

  close(): void {
    try {
      this.conn.close();
    } catch {
      // already closed
    }
  }
}

/** Listens on 127.0.0.1:0 and runs `script` for each accepted connection. */
export class FakePeer {
  readonly #listener: Deno.Listener;
  readonly #scripts: Promise<void>[] = [];
  readonly #conns: PeerConn[] = [];
  readonly #accepting: Promise<void>;

  constructor(script: (peer: PeerConn) => Promise<void>) {
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    this.#listener = listener;
    this.#accepting = (async () => {
      for await (const conn of listener) {
        const peer = new PeerConn(conn);
        this.#conns.push(peer);
        this.#scripts.push(script(peer).catch(() => {}).finally(() => peer.close()));
      }
    })().catch(() => {});
  }

  get port(): number {
    return (this.#listener.addr as Deno.NetAddr).port;
  }

  get endpoint() {
    return {
      kind: "tcp" as const,
      host: "127.0.0.1",
      port: this.port,
      timeout: -1,
      compress: false,
    };
  }

  /** Opens our client Connection to this peer. */
  async connect(options: ConnectionOptions = {}): Promise<Connection> {
    const transceiver = await connectTcp(this.endpoint, { timeoutMs: 2000 });
    return Connection.open(transceiver, { validateTimeoutMs: 2000, ...options });
  }

  async stop(): Promise<void> {
    this.#listener.close();
    await this.#accepting;
    for (const c of this.#conns) c.close();
    await Promise.all(this.#scripts);
  }
}

/** An encapsulation (1.0) holding the values written by `fill`. */
export function encapsulation(fill: (out: OutputStream) => void = () => {}): Uint8Array {
  const out = new OutputStream();
  out.startEncapsulation(Encoding_1_0);
  fill(out);
  out.endEncapsulation();
  return out.finished();
}

export const echoCall = (text: string, timeoutMs?: number) => ({
  identity: { name: "echo", category: "test" },
  operation: "echo",
  mode: OperationMode.Normal,
  params: encapsulation((o) => o.writeString(text)),
  timeoutMs,
});
