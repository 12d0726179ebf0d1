// Loopback relays for the benchmarks: a delaying relay between a client and a server (a real
// link's latency: every chunk is held back `delayMs` in each direction, order kept), which can
// also show every chunk to an observer, and a blackhole that accepts connections and never
// answers. The TCP handshake with the relay itself stays on loopback: a relay delays bytes,
// not connection set-up.

export type Direction = "toServer" | "toClient";

export interface RelayOptions {
  /** One-way delay per direction, so a round trip costs twice this. */
  delayMs?: Partial<Record<Direction, number>>;
  /** Sees each chunk as it is delivered. */
  observe?: (direction: Direction, chunk: Uint8Array) => void;
}

export class Relay {
  readonly #listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  readonly #serving: Promise<void>;

  constructor(readonly targetPort: number, private readonly options: RelayOptions = {}) {
    this.#serving = this.#serve();
  }

  get port(): number {
    return (this.#listener.addr as Deno.NetAddr).port;
  }

  async #serve(): Promise<void> {
    const relays: Promise<void>[] = [];
    try {
      for await (const client of this.#listener) {
        const server = await Deno.connect({ hostname: "127.0.0.1", port: this.targetPort });
        relays.push(
          Promise.all([
            this.#pipe(client, server, "toServer"),
            this.#pipe(server, client, "toClient"),
          ]).then(() => {}),
        );
      }
    } catch {
      // The listener was closed.
    }
    await Promise.all(relays);
  }

  /** Forwards `from` to `to`, each chunk `delayMs` after it arrived, in order. */
  async #pipe(from: Deno.Conn, to: Deno.Conn, direction: Direction): Promise<void> {
    const delayMs = this.options.delayMs?.[direction] ?? 0;
    const buffer = new Uint8Array(65536);
    let delivered = Promise.resolve();
    const deliver = async (chunk: Uint8Array, due: number) => {
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.options.observe?.(direction, chunk);
      for (let at = 0; at < chunk.length;) at += await to.write(chunk.subarray(at));
    };
    try {
      for (let n = await from.read(buffer); n !== null; n = await from.read(buffer)) {
        const chunk = buffer.slice(0, n);
        const due = performance.now() + delayMs;
        delivered = delivered.then(() => deliver(chunk, due));
        delivered.catch(() => {}); // handled: awaited below, even while a read is pending
        if (delayMs === 0) await delivered;
      }
      await delivered;
    } catch {
      // The other side went away; closing both ends below ends the relay.
    } finally {
      for (const conn of [from, to]) {
        try {
          conn.close();
        } catch { /* already closed */ }
      }
    }
  }

  async stop(): Promise<void> {
    this.#listener.close();
    await this.#serving;
  }
}

/** Accepts TCP connections and never sends a byte: a server that hangs (or a dropped link). */
export class Blackhole {
  readonly #listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  readonly #conns: Deno.Conn[] = [];
  readonly #accepting: Promise<void>;

  constructor() {
    this.#accepting = (async () => {
      for await (const conn of this.#listener) {
        this.#conns.push(conn);
        conn.readable.pipeTo(new WritableStream()).catch(() => {});
      }
    })().catch(() => {});
  }

  get port(): number {
    return (this.#listener.addr as Deno.NetAddr).port;
  }

  async stop(): Promise<void> {
    this.#listener.close();
    await this.#accepting;
    for (const conn of this.#conns) {
      try {
        conn.close();
      } catch { /* already closed */ }
    }
  }
}
