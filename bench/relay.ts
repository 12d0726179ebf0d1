// Loopback relays for the benchmarks: a delaying relay between a client and a server (a real
// link's latency: every chunk, and the end of the stream, is held back `delayMs` in each
// direction, order kept), which can also show every chunk to an observer and tells how long
// each client connection lasted; and a blackhole that accepts connections and never answers.
// The TCP handshake with the relay itself stays on loopback: a relay delays bytes, not
// connection set-up.

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
  /** Per client connection: accepted, and when the client ended its side (performance.now). */
  readonly #lifetimes: { opened: number; clientEnded?: number }[] = [];

  constructor(readonly targetPort: number, private readonly options: RelayOptions = {}) {
    this.#serving = this.#serve();
  }

  get port(): number {
    return (this.#listener.addr as Deno.NetAddr).port;
  }

  /**
   * How long the last client connection lasted, from its accept to the client ending its side:
   * the time a client spends on the link, without its process start or its work after closing.
   */
  lastLifetimeMs(): number {
    const last = this.#lifetimes.at(-1);
    if (last?.clientEnded === undefined) throw new Error("relay: no finished client connection");
    return last.clientEnded - last.opened;
  }

  async #serve(): Promise<void> {
    const relays: Promise<void>[] = [];
    try {
      for await (const client of this.#listener) {
        const lifetime: { opened: number; clientEnded?: number } = { opened: performance.now() };
        this.#lifetimes.push(lifetime);
        const server = await Deno.connect({ hostname: "127.0.0.1", port: this.targetPort });
        // Whatever arrives is passed on at once, as a link would: no Nagle hold-back.
        for (const conn of [client, server]) conn.setNoDelay(true);
        const clientEnded = () => lifetime.clientEnded ??= performance.now();
        relays.push(
          Promise.all([
            this.#pipe(client, server, "toServer", clientEnded),
            this.#pipe(server, client, "toClient"),
          ]).then(() => {}),
        );
      }
    } catch {
      // The listener was closed.
    }
    await Promise.all(relays);
  }

  /** Forwards `from` to `to`, each chunk and the end `delayMs` after they arrived, in order. */
  async #pipe(
    from: Deno.Conn,
    to: Deno.Conn,
    direction: Direction,
    onEnd: () => void = () => {},
  ): Promise<void> {
    const delayMs = this.options.delayMs?.[direction] ?? 0;
    const buffer = new Uint8Array(65536);
    let delivered = Promise.resolve();
    const deliver = async (chunk: Uint8Array, due: number) => {
      await until(due);
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
      onEnd();
      const due = performance.now() + delayMs;
      await delivered;
      await until(due);
    } catch {
      // The other side went away; closing both ends below ends the relay.
    } finally {
      onEnd();
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

function until(due: number): Promise<void> {
  const wait = due - performance.now();
  return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
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
