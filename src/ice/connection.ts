// One Ice protocol 1.0 client connection over any Transceiver: waits for the server's
// ValidateConnection, multiplexes twoway requests by id, sends heartbeats, and fails every
// pending call with the same error when the connection ends.
import {
  CloseConnectionError,
  ConnectionClosedError,
  ConnectionLostError,
  IceError,
  InvocationCanceledError,
  InvocationTimeoutError,
  NoValidationError,
  ProtocolError,
} from "./errors.ts";
import { deadline } from "./deadline.ts";
import type { InputStream } from "./input-stream.ts";
import {
  closeConnectionMessage,
  decodeReply,
  decodeRequest,
  encodeReply,
  encodeRequest,
  MessageFramer,
  type MessageHeader,
  MessageType,
  ReplyStatus,
  type RequestMessage,
  validateConnectionMessage,
} from "./message.ts";
import type { Transceiver } from "./transport.ts";
import type { TypeRegistry } from "./values.ts";

export interface ConnectionOptions {
  /** How long to wait for the server's ValidateConnection (default 5000 ms). */
  validateTimeoutMs?: number;
  /** Bound on a graceful close: waiting for replies and sending CloseConnection (default 3000). */
  closeTimeoutMs?: number;
  /** Declarations used to decode user exceptions in replies. */
  registry?: TypeRegistry;
  signal?: AbortSignal;
}

/** A twoway request; the connection assigns the request id. */
export interface Invocation extends Omit<RequestMessage, "requestId"> {
  timeoutMs?: number;
  signal?: AbortSignal;
}

interface PendingCall {
  resolve(params: InputStream): void;
  reject(error: Error): void;
}

const MAX_REQUEST_ID = 0x7fffffff;

export class Connection {
  readonly #transceiver: Transceiver;
  readonly #registry: TypeRegistry | undefined;
  readonly #closeTimeoutMs: number;
  readonly #framer = new MessageFramer();
  readonly #pending = new Map<number, PendingCall>();
  #nextRequestId = 1;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  /** Set once: why the connection is (being) closed; no new calls are accepted after it. */
  #failure: Error | undefined;
  #closing: Promise<void> | undefined;
  #validated!: { resolve(): void; reject(e: Error): void };
  readonly #validation: Promise<void>;
  #idleWaiters: (() => void)[] = [];
  #settleClosed!: (reason: Error) => void;
  readonly #readLoopDone: Promise<void>;

  /** Resolves (never rejects) with the reason once the connection is closed, for any cause. */
  readonly closed: Promise<Error>;

  private constructor(transceiver: Transceiver, options: ConnectionOptions) {
    this.#transceiver = transceiver;
    this.#registry = options.registry;
    this.#closeTimeoutMs = options.closeTimeoutMs ?? 3000;
    this.closed = new Promise((resolve) => this.#settleClosed = resolve);
    this.#validation = new Promise((resolve, reject) => this.#validated = { resolve, reject });
    this.#validation.catch(() => {}); // open() reports it
    this.#readLoopDone = this.#readLoop();
  }

  get description(): string {
    return this.#transceiver.description;
  }

  /** Wraps an open transport; resolves once the server has validated the connection. */
  static async open(
    transceiver: Transceiver,
    options: ConnectionOptions = {},
  ): Promise<Connection> {
    const timeoutMs = options.validateTimeoutMs ?? 5000;
    const connection = new Connection(transceiver, options);
    const guard = deadline(timeoutMs, options.signal, () =>
      new NoValidationError(
        `${transceiver.description} sent no Ice ValidateConnection within ${timeoutMs} ms`,
      ));
    try {
      await Promise.race([connection.#validation, guard.promise]);
      return connection;
    } catch (error) {
      connection.#fail(error as Error);
      await connection.#readLoopDone;
      throw error;
    } finally {
      guard.cancel();
    }
  }

  /** Sends a twoway request; resolves with the reply's out-parameters (status 0). */
  invoke(call: Invocation): Promise<InputStream> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (call.signal?.aborted) return Promise.reject(canceled(call.operation));
    const requestId = this.#allocateRequestId();
    return new Promise<InputStream>((resolve, reject) => {
      const message = encodeRequest({ ...call, requestId });
      const guard = deadline(
        call.timeoutMs,
        call.signal,
        () =>
          new InvocationTimeoutError(
            `${call.operation} on ${this.description} timed out after ${call.timeoutMs} ms`,
          ),
        () => canceled(call.operation),
      );
      const finish = () => {
        this.#pending.delete(requestId);
        guard.cancel();
        if (this.#pending.size === 0) this.#idleWaiters.splice(0).forEach((wake) => wake());
      };
      this.#pending.set(requestId, {
        resolve: (params) => (finish(), resolve(params)),
        reject: (error) => (finish(), reject(error)),
      });
      // A late reply after a timeout or cancel finds no pending call and is dropped.
      guard.promise.catch((error) => this.#pending.get(requestId)?.reject(error));
      this.#transceiver.write(message).catch((error) =>
        this.#fail(asLost(this.description, error))
      );
    });
  }

  /** Sends a ValidateConnection message every `intervalMs` (Ice's heartbeat) until closed. */
  startHeartbeat(intervalMs: number): void {
    this.stopHeartbeat();
    if (this.#failure) return;
    this.#heartbeat = setInterval(() => this.#send(validateConnectionMessage), intervalMs);
  }

  stopHeartbeat(): void {
    clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
  }

  /**
   * Graceful close: stop taking calls, let outstanding replies arrive (within `closeTimeoutMs`),
   * send CloseConnection and close the transport. Ice lets a client end this way without
   * waiting for the peer to close its side, which would cost a round trip. Idempotent.
   */
  close(): Promise<void> {
    this.#closing ??= this.#closeGracefully();
    return this.#closing;
  }

  async #closeGracefully(): Promise<void> {
    if (this.#failure) return void await this.#readLoopDone;
    const reason = new ConnectionClosedError(`connection to ${this.description} closed`);
    this.#failure = reason; // refuse new calls, keep reading replies
    this.stopHeartbeat();
    const guard = deadline(this.#closeTimeoutMs, undefined, () => reason);
    try {
      await Promise.race([this.#idle(), guard.promise]);
      await Promise.race([this.#transceiver.write(closeConnectionMessage), guard.promise]);
    } catch (error) {
      // Timed out or the transport failed: close it regardless.
      if (!(error instanceof IceError) && !(error instanceof DOMException)) throw error;
    } finally {
      guard.cancel();
      this.#terminate(reason);
      await this.#readLoopDone;
    }
  }

  /** Resolves when no call is waiting for a reply. */
  #idle(): Promise<void> {
    if (this.#pending.size === 0) return Promise.resolve();
    return new Promise((wake) => this.#idleWaiters.push(wake));
  }

  #allocateRequestId(): number {
    for (;;) {
      const id = this.#nextRequestId;
      this.#nextRequestId = id === MAX_REQUEST_ID ? 1 : id + 1;
      if (!this.#pending.has(id)) return id;
    }
  }

  #send(message: Uint8Array): void {
    this.#transceiver.write(message).catch((error) => this.#fail(asLost(this.description, error)));
  }

  async #readLoop(): Promise<void> {
    let validated = false;
    try {
      for (;;) {
        const chunk = await this.#transceiver.read();
        if (chunk === null) break;
        this.#framer.push(chunk);
        for (let m = this.#framer.next(); m; m = this.#framer.next()) {
          if (!validated) {
            if (m.header.type !== MessageType.ValidateConnection) {
              throw new ProtocolError(
                `${this.description} is not an Ice server: first message has type ${m.header.type}`,
              );
            }
            validated = true;
            this.#validated.resolve();
            continue;
          }
          this.#dispatch(m.header, m.body);
        }
      }
      // End of stream: expected only after we sent CloseConnection or received it.
      this.#fail(
        this.#failure ?? new ConnectionLostError(
          validated
            ? `connection to ${this.description} lost`
            : `${this.description} closed the connection before validating it (not an Ice server?)`,
        ),
      );
    } catch (error) {
      this.#fail(asLost(this.description, error));
    }
  }

  #dispatch(header: MessageHeader, body: Uint8Array): void {
    switch (header.type) {
      case MessageType.Reply: {
        const reply = decodeReply(body, this.#registry);
        const call = this.#pending.get(reply.requestId);
        if (!call) return; // timed out or canceled already
        if ("params" in reply) call.resolve(reply.params);
        else call.reject(reply.error);
        return;
      }
      case MessageType.CloseConnection:
        this.#fail(
          this.#failure ??
            new CloseConnectionError(`${this.description} closed the connection`),
        );
        return;
      case MessageType.Request: {
        // We host no objects: answer twoway requests with ObjectNotExist, drop oneways.
        const request = decodeRequest(body);
        if (request.requestId !== 0) {
          const { identity, facet = "", operation } = request;
          this.#send(encodeReply(request.requestId, {
            status: ReplyStatus.ObjectNotExist,
            identity,
            facet,
            operation,
          }));
        }
        return;
      }
      default:
        return; // heartbeats and batch requests need nothing from us
    }
  }

  /** Ends the connection now: every pending call and `closed` get the same reason. */
  #fail(reason: Error): void {
    this.#failure ??= reason;
    this.#terminate(this.#failure);
  }

  #terminate(reason: Error): void {
    this.stopHeartbeat();
    this.#transceiver.close();
    this.#validated.reject(reason);
    for (const call of [...this.#pending.values()]) call.reject(reason);
    this.#settleClosed(reason);
  }
}

function canceled(operation: string): InvocationCanceledError {
  return new InvocationCanceledError(`${operation} canceled`);
}

function asLost(description: string, error: unknown): Error {
  if (error instanceof IceError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ConnectionLostError(`connection to ${description} lost: ${detail}`, { cause: error });
}
