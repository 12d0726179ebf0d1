// Talking to a Glacier2 router on an open connection: session creation and teardown, and routed
// calls. Glacier2 forwards a request only for identities registered with `addProxies`. A first call
// to a target is sent right behind its `addProxies` (one round trip, not two); should the router
// see the call before the registration, it answers ObjectNotExist for the operation
// `ice_add_proxy`, upon which we wait for the registration and retry once. This is the only place
// that rule lives. Operation modes are those the Slice declares (servers reject any other):
// createSession, destroySession Normal; addProxies Idempotent.
import type { Connection, Invocation } from "./connection.ts";
import { ObjectNotExistError } from "./errors.ts";
import type { InputStream } from "./input-stream.ts";
import { OutputStream } from "./output-stream.ts";
import { Encoding_1_0, type Identity, OperationMode, type Proxy } from "./types.ts";
import type { TypeDefinition } from "./values.ts";

/** The user exceptions the Glacier2 router raises; add them to the connection's registry. */
export const GLACIER2_EXCEPTIONS: readonly TypeDefinition[] = [
  { typeId: "::Glacier2::PermissionDeniedException", members: [["reason", "string"]] },
  { typeId: "::Glacier2::CannotCreateSessionException", members: [["reason", "string"]] },
  { typeId: "::Glacier2::SessionNotExistException", members: [] },
];

/** The operation name in Glacier2's ObjectNotExist answer for an unregistered identity. */
const ADD_PROXY_OPERATION = "ice_add_proxy";

type Call = Omit<Invocation, "identity" | "facet">;

export class Glacier2Router {
  /** Registrations sent to the router (settled or in flight), by "category/name". */
  readonly #registrations = new Map<string, Promise<unknown>>();

  /**
   * `identity` is the router's, e.g. {category: "OMERO.Glacier2", name: "router"}; `context`
   * goes with every call made through this object (a call's own context is merged over it).
   */
  constructor(
    readonly connection: Pick<Connection, "invoke">,
    readonly identity: Identity,
    readonly context: Readonly<Record<string, string>> = {},
  ) {}

  /** Logs in; the session proxy (null when the router has no session manager). */
  async createSession(
    userId: string,
    password: string,
    call: Partial<Call> = {},
  ): Promise<Proxy | null> {
    const params = encapsulation((out) => {
      out.writeString(userId);
      out.writeString(password);
    });
    const reply = await this.#invokeRouter("createSession", OperationMode.Normal, params, call);
    return readResult(reply, () => reply.readProxy());
  }

  /** Registers proxies for routing; returns those evicted from the router's table. */
  addProxies(proxies: readonly Proxy[], call: Partial<Call> = {}): Promise<Proxy[]> {
    const registration = this.#sendAddProxies(proxies, call);
    for (const proxy of proxies) {
      const key = identityKey(proxy.identity);
      this.#registrations.set(key, registration);
      // A failed registration is not remembered: the next call sends a new one.
      registration.catch(() => {
        if (this.#registrations.get(key) === registration) this.#registrations.delete(key);
      });
    }
    return registration;
  }

  async #sendAddProxies(proxies: readonly Proxy[], call: Partial<Call>): Promise<Proxy[]> {
    const params = encapsulation((out) => {
      out.writeSize(proxies.length);
      for (const proxy of proxies) out.writeProxy(proxy);
    });
    const reply = await this.#invokeRouter("addProxies", OperationMode.Idempotent, params, call);
    const evicted = readResult(reply, () => {
      const count = reply.readCount(2);
      return Array.from({ length: count }, () => reply.readProxy()).filter((p) => p !== null);
    });
    for (const proxy of evicted) this.#registrations.delete(identityKey(proxy.identity));
    return evicted;
  }

  /** Ends the Glacier2 session of this connection. */
  async destroySession(call: Partial<Call> = {}): Promise<void> {
    const reply = await this.#invokeRouter(
      "destroySession",
      OperationMode.Normal,
      emptyParams(),
      call,
    );
    readResult(reply, () => undefined);
  }

  /**
   * Invokes an operation on `target` through the router. A target not yet registered is
   * registered with `addProxies` sent just before the call, so both share one round trip;
   * concurrent first calls to the same target share that registration. If the router answers
   * that it does not know the target (registration not seen yet, or evicted since), the call is
   * registered again and retried once.
   */
  async invoke(target: Proxy, call: Call): Promise<InputStream> {
    const invocation: Invocation = {
      ...call,
      identity: target.identity,
      facet: target.facet,
      context: { ...this.context, ...call.context },
    };
    const registration = this.#register(target, call.timeoutMs);
    const [registered, answered] = await Promise.allSettled([
      registration,
      this.connection.invoke(invocation),
    ]);
    if (answered.status === "fulfilled") return answered.value;
    if (!isUnregistered(answered.reason)) throw answered.reason;
    if (registered.status === "rejected") throw registered.reason;
    const key = identityKey(target.identity);
    if (this.#registrations.get(key) === registration) this.#registrations.delete(key);
    await this.#register(target, call.timeoutMs);
    return await this.connection.invoke(invocation);
  }

  /** The target's registration: the one already sent, else a new `addProxies`. */
  #register(target: Proxy, timeoutMs: number | undefined): Promise<unknown> {
    return this.#registrations.get(identityKey(target.identity)) ??
      this.addProxies([target], { timeoutMs });
  }

  #invokeRouter(
    operation: string,
    mode: OperationMode,
    params: Uint8Array,
    call: Partial<Call>,
  ): Promise<InputStream> {
    return this.connection.invoke({
      ...call,
      identity: this.identity,
      operation,
      mode,
      params,
      context: { ...this.context, ...call.context },
    });
  }
}

/** Parameters in encoding 1.0, whose replies every Ice peer can slice (docs/ice-codec.md). */
function encapsulation(write: (out: OutputStream) => void): Uint8Array {
  const out = new OutputStream();
  out.startEncapsulation(Encoding_1_0);
  write(out);
  out.endEncapsulation();
  return out.finished();
}

function emptyParams(): Uint8Array {
  return encapsulation(() => {});
}

/** Reads the result from a reply's params (already inside the encapsulation) and checks that
 * nothing is left over. */
function readResult<T>(reply: InputStream, read: () => T): T {
  const result = read();
  reply.endEncapsulation();
  return result;
}

/** Glacier2's answer for a call to an identity it has no route for. */
function isUnregistered(error: unknown): boolean {
  return error instanceof ObjectNotExistError && error.operation === ADD_PROXY_OPERATION;
}

function identityKey(identity: Identity): string {
  return `${identity.category}/${identity.name}`;
}
