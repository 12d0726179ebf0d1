// A loopback tcp relay in front of the real glacier2router that misbehaves on purpose once the
// server has sent a given number of replies: it goes silent, closes, or sends garbage or a forged
// oversized header instead of the next reply. This puts a fault at the 1st, 2nd, 3rd… round trip
// of a login or command, which no well-behaved server can do.
import { HEADER_SIZE, MessageType } from "../../src/ice/message.ts";

export type Fault = "silence" | "close" | "garbage" | "oversized";

export interface FaultPlan {
  /** Replies passed through on each connection before the fault replaces the next one. */
  repliesBeforeFault: number;
  fault: Fault;
}

/** No fault: a plain relay. */
export const NO_FAULT: FaultPlan = { repliesBeforeFault: Infinity, fault: "close" };

/** An Ice header announcing a 1 GiB reply. */
const OVERSIZED_HEADER = new Uint8Array([
  0x49,
  0x63,
  0x65,
  0x50,
  1,
  0,
  1,
  0,
  MessageType.Reply,
  0,
  0x00,
  0x00,
  0x00,
  0x40,
]);
const GARBAGE = new TextEncoder().encode("\x00\xffnot an Ice reply at all\r\n");

export class FaultyRelay implements AsyncDisposable {
  readonly #listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  readonly #conns = new Set<Deno.Conn>();
  readonly #serving: Promise<void>;
  /** Connections the relay accepted, so a test can tell a retry happened. */
  accepted = 0;

  /** Read when a connection is accepted: change it between two CLI runs. */
  plan: FaultPlan;

  constructor(readonly targetPort: number, plan: FaultPlan = NO_FAULT) {
    this.plan = plan;
    this.#serving = this.#serve();
  }

  get port(): number {
    return (this.#listener.addr as Deno.NetAddr).port;
  }

  async #serve(): Promise<void> {
    const relays: Promise<void>[] = [];
    try {
      for await (const client of this.#listener) {
        this.accepted++;
        relays.push(this.#relay(client, this.plan));
      }
    } catch {
      // The listener was closed.
    }
    await Promise.allSettled(relays);
  }

  async #relay(client: Deno.Conn, plan: FaultPlan): Promise<void> {
    this.#conns.add(client);
    let server: Deno.Conn;
    try {
      server = await Deno.connect({ hostname: "127.0.0.1", port: this.targetPort });
    } catch {
      this.#close(client);
      return;
    }
    this.#conns.add(server);
    // Like a real peer's socket, the relay is gone for both sides once either side is.
    const closeBoth = () => {
      this.#close(client);
      this.#close(server);
    };
    await Promise.allSettled([
      this.#forward(client, server).finally(closeBoth),
      this.#toClient(server, client, plan).finally(() => plan.fault !== "silence" && closeBoth()),
    ]);
    closeBoth();
  }

  async #forward(from: Deno.Conn, to: Deno.Conn): Promise<void> {
    for await (const chunk of from.readable.values({ preventCancel: true })) {
      await writeAll(to, chunk);
    }
  }

  /** Passes whole messages on until the fault is due, then applies it. */
  async #toClient(server: Deno.Conn, client: Deno.Conn, plan: FaultPlan): Promise<void> {
    let pending: Uint8Array = new Uint8Array(0);
    let replies = 0;
    for await (const chunk of server.readable.values({ preventCancel: true })) {
      pending = concat(pending, chunk);
      for (let size = messageSize(pending); size <= pending.length; size = messageSize(pending)) {
        const message = pending.subarray(0, size);
        pending = pending.slice(size);
        const isReply = message[8] === MessageType.Reply;
        if (isReply && replies === plan.repliesBeforeFault) {
          await inject(client, plan.fault);
          return;
        }
        if (isReply) replies++;
        await writeAll(client, message);
      }
    }
  }

  #close(conn: Deno.Conn): void {
    if (!this.#conns.delete(conn)) return;
    try {
      conn.close();
    } catch {
      // Already closed by the peer.
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.#listener.close();
    for (const conn of [...this.#conns]) this.#close(conn);
    await this.#serving;
  }
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  for (let written = 0; written < bytes.length;) {
    written += await conn.write(bytes.subarray(written));
  }
}

/** The size of the message at the start of `bytes` (the server is trusted), or Infinity. */
function messageSize(bytes: Uint8Array): number {
  if (bytes.length < HEADER_SIZE) return Infinity;
  return new DataView(bytes.buffer, bytes.byteOffset).getInt32(10, true);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

async function inject(client: Deno.Conn, fault: Fault): Promise<void> {
  if (fault === "garbage") await writeAll(client, GARBAGE);
  if (fault === "oversized") await writeAll(client, OVERSIZED_HEADER);
  // "silence" keeps the connection open and never answers again; "close" is done by the caller.
}
