// Adapts event-driven byte sources (node sockets, WebSockets) to the pull-style Transceiver, and
// maps the errors of establishing a connection to the typed Ice errors.
import type { Socket } from "node:net";
import {
  ConnectFailedError,
  ConnectionLostError,
  ConnectionRefusedError,
  DnsError,
  IceError,
} from "./errors.ts";
import type { Transceiver } from "./transport.ts";

/** Above this many unread bytes the source is paused, so a fast peer cannot fill our memory. */
const HIGH_WATER_BYTES = 1 << 20;

/** Received chunks waiting for `read()`, plus end-of-stream and failure. */
export class ChunkQueue {
  #chunks: Uint8Array[] = [];
  #queuedBytes = 0;
  #ended = false;
  #failure: Error | undefined;
  #waiter: { resolve(chunk: Uint8Array | null): void; reject(error: Error): void } | undefined;

  /** `pause`/`resume` apply back-pressure to the source. */
  constructor(private readonly pause: () => void, private readonly resume: () => void) {}

  push(chunk: Uint8Array): void {
    if (this.#ended || chunk.length === 0) return;
    if (this.#waiter) return this.#take().resolve(chunk);
    this.#chunks.push(chunk);
    this.#queuedBytes += chunk.length;
    if (this.#queuedBytes > HIGH_WATER_BYTES) this.pause();
  }

  /** End of stream: queued chunks are still delivered, then null. */
  end(): void {
    this.#ended = true;
    if (this.#waiter && this.#chunks.length === 0) this.#take().resolve(null);
  }

  /** A transport failure: queued chunks are still delivered, then reads reject. */
  fail(error: Error): void {
    if (this.#ended) return;
    this.#failure ??= error;
    this.#ended = true;
    if (this.#waiter && this.#chunks.length === 0) this.#take().reject(error);
  }

  /** Closed by us: everything queued is dropped and reads resolve null. */
  discard(): void {
    this.#chunks = [];
    this.#queuedBytes = 0;
    this.#failure = undefined;
    this.end();
  }

  read(): Promise<Uint8Array | null> {
    const chunk = this.#chunks.shift();
    if (chunk) {
      this.#queuedBytes -= chunk.length;
      if (this.#queuedBytes <= HIGH_WATER_BYTES) this.resume();
      return Promise.resolve(chunk);
    }
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#ended) return Promise.resolve(null);
    if (this.#waiter) return Promise.reject(new IceError("concurrent read() on one transceiver"));
    return new Promise((resolve, reject) => this.#waiter = { resolve, reject });
  }

  #take() {
    const waiter = this.#waiter!;
    this.#waiter = undefined;
    return waiter;
  }
}

/** A Transceiver over a connected node:net or node:tls socket. */
export function socketTransceiver(socket: Socket, description: string): Transceiver {
  const queue = new ChunkQueue(() => socket.pause(), () => socket.resume());
  socket.on("data", (chunk: Uint8Array) => queue.push(new Uint8Array(chunk)));
  socket.on("end", () => queue.end());
  socket.on("close", () => queue.end());
  socket.on("error", (error) => queue.fail(connectionLost(description, error)));
  return {
    description,
    read: () => queue.read(),
    write: (data) =>
      new Promise((resolve, reject) => {
        if (socket.destroyed || !socket.writable) {
          return reject(new ConnectionLostError(`${description}: connection closed`));
        }
        socket.write(
          data,
          (error) => error ? reject(connectionLost(description, error)) : resolve(),
        );
      }),
    close: () => {
      queue.discard();
      socket.destroy();
    },
  };
}

export function connectionLost(description: string, cause: unknown): ConnectionLostError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new ConnectionLostError(`connection to ${description} lost: ${detail}`, { cause });
}

/** Maps a failure to open a TCP connection (DNS, refused, unreachable …) to a typed error. */
export function connectFailure(description: string, cause: unknown): IceError {
  const code = (cause as { code?: string } | null)?.code ?? "";
  const detail = cause instanceof Error ? cause.message : String(cause);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME") {
    const temporary = code === "EAI_AGAIN";
    return new DnsError(`cannot resolve the host of ${description}: ${detail}`, temporary, {
      cause,
    });
  }
  if (code === "ECONNREFUSED") {
    return new ConnectionRefusedError(`connection to ${description} refused`, { cause });
  }
  return new ConnectFailedError(`cannot connect to ${description}: ${detail}`, { cause });
}
