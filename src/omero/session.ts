// An OMERO session over one Glacier2 connection: create or join (createSession with the
// omero.* context keys), register every proxy with the router, detachOnDestroy, and the typed
// calls the commands need. Routed calls go through Glacier2Router.invoke, which sends a first
// call right behind its addProxies, so a fresh login costs three round trips: createSession;
// then addProxies(SF) with getAdminService/getSessionService/detachOnDestroy; then
// addProxies(admin), addProxies(session) with getEventContext/getSession.
import { effectivePort, type ServerTarget } from "../connection-string.ts";
import { Connection } from "../ice/connection.ts";
import { connect } from "../ice/connector.ts";
import { Glacier2Router } from "../ice/glacier2.ts";
import type { TlsTrust } from "../ice/transport.ts";
import {
  hostPortKey,
  type Identity,
  type IpEndpoint,
  OperationMode,
  type Proxy,
} from "../ice/types.ts";
import type { IceValue, TypeDesc } from "../ice/values.ts";
import { IceError } from "../ice/errors.ts";
import { encodeParams, type Param, readResult } from "./calls.ts";
import { CommandFailedError, UnexpectedAnswerError } from "./errors.ts";
import { isUserException, TypeIds } from "./exception-kinds.ts";
import {
  type CommandResponse,
  type CurrentSession,
  currentSessionsRequest,
  type EventContext,
  type Experimenter,
  type Group,
  type SessionInfo,
  sessionWithUuid,
  toCommandResponse,
  toCurrentSessions,
  toEventContext,
  toExperimenter,
  toGroup,
  toSessionInfo,
  unloadedGroup,
  updateTimeToIdle,
} from "./model.ts";
import { omeroFailure } from "./failures.ts";
import { unlessAborted } from "./unless-aborted.ts";
import { OMERO_TYPES } from "./registry.ts";

const ROUTER: Identity = { category: "OMERO.Glacier2", name: "router" };
const { Normal, Idempotent } = OperationMode;
/** How often a submitted command's handle is asked for its response. */
const COMMAND_POLL_MS = 50;
/** Well inside Glacier2's idle limit (600 s by default), which drops quiet connections. */
const HEARTBEAT_MS = 30_000;

export interface Credentials {
  user: string;
  password: string;
}

export interface OpenOptions {
  /** Login group name (`-g`), sent as `omero.group` when the session is created. */
  group?: string;
  /** Keep the server session when this connection ends (default true, as omero-py). */
  detach?: boolean;
  /**
   * The credentials are a session key to join, not a user's: a failure after the join leaves
   * the session as it was. Otherwise the server creates a session, and a failure before `open`
   * returns ends it again.
   */
  joining?: boolean;
  /**
   * Aborts the open (Ctrl-C): a session the server created meanwhile is ended, then `open`
   * rejects with the signal's reason.
   */
  signal?: AbortSignal;
}

export interface ClientSettings {
  /** `omero.agent`, shown by `sessions who`. */
  agent: string;
  connectTimeoutMs: number;
  /** Bound on every call once connected. */
  callTimeoutMs: number;
  /** How ssl and wss peers are trusted (src/trust/); a tcp or ws connection never asks it. */
  trust: TlsTrust;
}

export type SessionOpener = (
  server: ServerTarget,
  credentials: Credentials,
  options: OpenOptions,
) => Promise<OmeroSession>;

/** Joins an existing session: Glacier2's createSession with the key as user name and password. */
export function joinSession(
  open: SessionOpener,
  server: ServerTarget,
  key: string,
  options: OpenOptions = {},
): Promise<OmeroSession> {
  return open(server, { user: key, password: key }, { ...options, joining: true });
}

/** An opener bound to the connection settings of this invocation. */
export function sessionOpener(settings: ClientSettings): SessionOpener {
  return (server, credentials, options) =>
    OmeroSession.open(server, credentials, options, settings);
}

interface Services {
  admin: Proxy;
  session: Proxy;
  config?: Proxy;
}

export class OmeroSession {
  #eventContext!: EventContext;
  #info!: SessionInfo;
  #services!: Services;
  readonly #router: Glacier2Router;
  readonly #sessionFactory: Proxy;
  readonly #settings: ClientSettings;
  /** "host:port" for error messages. */
  readonly target: string;

  private constructor(
    router: Glacier2Router,
    sessionFactory: Proxy,
    settings: ClientSettings,
    target: string,
  ) {
    this.#router = router;
    this.#sessionFactory = sessionFactory;
    this.#settings = settings;
    this.target = target;
  }

  /**
   * Creates (user/password) or joins (key/key) a session; a failure is one of the kinds of
   * ./errors.ts.
   */
  static async open(
    server: ServerTarget,
    credentials: Credentials,
    options: OpenOptions,
    settings: ClientSettings,
  ): Promise<OmeroSession> {
    const endpoint = routerEndpoint(server);
    const target = hostPortKey(endpoint.host, endpoint.port);
    const { signal } = options;
    let connection: Connection | undefined;
    let created: OmeroSession | undefined;
    try {
      const transceiver = await connect(endpoint, {
        timeoutMs: settings.connectTimeoutMs,
        trust: settings.trust,
        signal,
      });
      connection = await Connection.open(transceiver, {
        registry: OMERO_TYPES,
        validateTimeoutMs: settings.connectTimeoutMs,
        signal,
      });
      const context: Record<string, string> = { "omero.client.uuid": crypto.randomUUID() };
      if (options.group !== undefined) context["omero.group"] = options.group;
      const router = new Glacier2Router(connection, ROUTER, context);
      const sessionFactory = await router.createSession(credentials.user, credentials.password, {
        context: { "omero.agent": settings.agent },
        timeoutMs: settings.callTimeoutMs,
        signal,
      });
      if (!sessionFactory) {
        throw new UnexpectedAnswerError(`${target}: the router returned no session`);
      }
      // The router shares this object, so its later calls carry the session uuid too.
      context["omero.session.uuid"] = sessionFactory.identity.name;
      const session = new OmeroSession(router, sessionFactory, settings, target);
      if (!options.joining) created = session;
      await unlessAborted(session.#start(options.detach ?? true), signal);
      return session;
    } catch (error) {
      // A group the user may not use fails here, after the server created the session.
      await created?.abandon();
      await connection?.close();
      // Aborted before createSession answered: closing the connection ends what it created.
      if (signal?.aborted) throw signal.reason;
      throw omeroFailure(error, target);
    }
  }

  /** The session key: the name of the ServiceFactory's identity. */
  get uuid(): string {
    return this.#sessionFactory.identity.name;
  }

  get eventContext(): EventContext {
    return this.#eventContext;
  }

  /** Timeouts as read at login (or after setTimeToIdle). */
  get info(): SessionInfo {
    return this.#info;
  }

  async #start(detach: boolean): Promise<void> {
    const sf = this.#sessionFactory;
    const [admin, session] = await Promise.all([
      this.#call(sf, "getAdminService", Normal, [], "proxy"),
      this.#call(sf, "getSessionService", Normal, [], "proxy"),
      detach ? this.#call(sf, "detachOnDestroy", Normal) : undefined,
    ]);
    this.#services = { admin: admin as Proxy, session: session as Proxy };
    await this.#refresh();
  }

  /** Reads the EventContext and the session's timeouts (one round trip). */
  #refresh(): Promise<void> {
    return this.#mapped(async () => {
      const [context, info] = await Promise.all([
        this.getEventContext(),
        this.getSession(this.uuid),
      ]);
      this.#eventContext = context;
      this.#info = info;
    });
  }

  getEventContext(): Promise<EventContext> {
    return this.#mapped(async () =>
      toEventContext(
        await this.#call(this.#services.admin, "getEventContext", Idempotent, [], "class"),
      )
    );
  }

  getSession(uuid: string): Promise<SessionInfo> {
    return this.#mapped(async () =>
      toSessionInfo(
        await this.#call(
          this.#services.session,
          "getSession",
          Idempotent,
          [["string", uuid]],
          "class",
        ),
      )
    );
  }

  getGroup(id: bigint): Promise<Group> {
    return this.#adminCall("getGroup", [["long", id]], toGroup);
  }

  /** Raises ApiUsageException "No such group" for an unknown name. */
  lookupGroup(name: string): Promise<Group> {
    return this.#adminCall("lookupGroup", [["string", name]], toGroup);
  }

  /** `getGroup`, or undefined when the server has no such group. */
  findGroupById(id: bigint): Promise<Group | undefined> {
    return this.#findGroup("getGroup", ["long", id]);
  }

  /** `lookupGroup`, or undefined when the server has no such group. */
  findGroupByName(name: string): Promise<Group | undefined> {
    return this.#findGroup("lookupGroup", ["string", name]);
  }

  /** OMERO says "no such group" with an ApiUsageException. */
  #findGroup(operation: string, param: Param): Promise<Group | undefined> {
    return this.#mapped(async () => {
      try {
        return toGroup(
          await this.#call(this.#services.admin, operation, Idempotent, [param], "class"),
        );
      } catch (error) {
        if (isUserException(error, TypeIds.apiUsage)) return undefined;
        throw error;
      }
    });
  }

  /** Every group, with its members where the server loads them (OMERO does). */
  lookupGroups(): Promise<Group[]> {
    return this.#adminCall(
      "lookupGroups",
      [],
      (groups) => (groups as unknown[]).map(toGroup),
      { seq: "class" },
    );
  }

  /** The groups the user is a member of. */
  containedGroups(experimenterId: bigint): Promise<Group[]> {
    return this.#adminCall(
      "containedGroups",
      [["long", experimenterId]],
      (groups) => (groups as unknown[]).map(toGroup),
      { seq: "class" },
    );
  }

  getExperimenter(id: bigint): Promise<Experimenter> {
    return this.#adminCall("getExperimenter", [["long", id]], toExperimenter);
  }

  lookupExperimenter(name: string): Promise<Experimenter> {
    return this.#adminCall("lookupExperimenter", [["string", name]], toExperimenter);
  }

  /** The server's sessions (`CurrentSessionsRequest`); a command error is CommandFailedError. */
  currentSessions(): Promise<CurrentSession[]> {
    return this.#mapped(async () => {
      const response = await this.#submit(currentSessionsRequest());
      if (!response.ok) throw new CommandFailedError(response.name);
      return toCurrentSessions(response.value);
    });
  }

  /** `ServiceFactory.keepAlive(null)`: counts as activity for the session's idle timeout. */
  keepAlive(): Promise<void> {
    return this.#mapped(async () => {
      await this.#call(this.#sessionFactory, "keepAlive", Normal, [["proxy", null]], "bool");
    });
  }

  /** Switches the session's group; the server refuses groups the user is not a member of. */
  setSecurityContext(groupId: bigint): Promise<void> {
    return this.#mapped(async () => {
      const group: Param = ["class", unloadedGroup(groupId)];
      await this.#call(this.#sessionFactory, "setSecurityContext", Normal, [group], "class");
      this.#eventContext = await this.getEventContext();
    });
  }

  /** A new session for `principal` (sudo, `sessions open`); times in milliseconds. */
  createSessionWithTimeouts(
    principal: IceValue,
    timeToLiveMs: number,
    timeToIdleMs: number,
  ): Promise<SessionInfo> {
    return this.#mapped(async () =>
      toSessionInfo(
        await this.#call(this.#services.session, "createSessionWithTimeouts", Normal, [
          ["class", principal],
          ["long", BigInt(timeToLiveMs)],
          ["long", BigInt(timeToIdleMs)],
        ], "class"),
      )
    );
  }

  createSessionWithTimeout(principal: IceValue, timeToLiveMs: number): Promise<SessionInfo> {
    return this.#mapped(async () =>
      toSessionInfo(
        await this.#call(this.#services.session, "createSessionWithTimeout", Normal, [
          ["class", principal],
          ["long", BigInt(timeToLiveMs)],
        ], "class"),
      )
    );
  }

  /**
   * Sets the idle timeout through `UpdateSessionTimeoutRequest`, then re-reads the timeouts.
   * Returns undefined on success, else the command's error name.
   */
  setTimeToIdle(milliseconds: number, uuid = this.uuid): Promise<string | undefined> {
    return this.#mapped(async () => {
      const response = await this.#submit(updateTimeToIdle(uuid, milliseconds));
      if (uuid === this.uuid) this.#info = await this.getSession(this.uuid);
      return response.ok ? undefined : response.name;
    });
  }

  /** Submits a command and polls its Handle until it has a response; closes the handle. */
  #submit(request: IceValue): Promise<CommandResponse> {
    return this.#mapped(async () => {
      const sf = this.#sessionFactory;
      const handle = await this.#call(sf, "submit", Normal, [["class", request]], "proxy");
      if (!handle) {
        throw new UnexpectedAnswerError(`${this.target}: the server returned no command handle`);
      }
      const getResponse = () => this.#call(handle as Proxy, "getResponse", Normal, [], "class");
      let response = await getResponse();
      const deadline = Date.now() + this.#settings.callTimeoutMs;
      while (response === null) {
        if (Date.now() > deadline) {
          throw new UnexpectedAnswerError(
            `${this.target}: the server did not finish the command in time`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, COMMAND_POLL_MS));
        response = await getResponse();
      }
      await this.#call(handle as Proxy, "close", Normal);
      return toCommandResponse(response as IceValue);
    });
  }

  getVersion(): Promise<string> {
    return this.#mapped(async () => {
      if (!this.#services.config) {
        const sf = this.#sessionFactory;
        this.#services.config = await this.#call(
          sf,
          "getConfigService",
          Normal,
          [],
          "proxy",
        ) as Proxy;
      }
      return await this.#call(
        this.#services.config,
        "getVersion",
        Idempotent,
        [],
        "string",
      ) as string;
    });
  }

  /**
   * Ends the server session: `ISession.closeSession` until no reference is left (or the
   * server says it is gone), then destroys the Glacier2 session and closes the connection.
   */
  async closeServerSession(): Promise<void> {
    await this.closeSession(this.uuid);
    await this.destroy();
  }

  /** `ISession.closeSession` until no reference is left or the server says it is gone. */
  async closeSession(uuid: string): Promise<void> {
    try {
      for (let remaining = 1; remaining > 0;) {
        remaining = await this.#call(this.#services.session, "closeSession", Normal, [[
          "class",
          sessionWithUuid(uuid),
        ]], "int") as number;
      }
    } catch (error) {
      if (!isUserException(error, TypeIds.removedSession)) throw omeroFailure(error, this.target);
    }
  }

  /** Destroys the Glacier2 session (the server session survives if detached) and disconnects. */
  async destroy(): Promise<void> {
    try {
      await this.#router.destroySession({ timeoutMs: this.#settings.callTimeoutMs });
    } catch (error) {
      // Already gone or the connection dropped: either way there is nothing left to destroy.
      if (!(error instanceof IceError)) throw error;
    }
    await this.#connection.close();
  }

  /**
   * Ends a session this process created and is giving up on (a login that failed after the
   * server created it): `closeOnDestroy`, which needs no usable security context, then destroys
   * the Glacier2 session, which closes the server session. Bounded by twice the connect timeout
   * whatever the server does; then the connection is closed, on which Glacier2 destroys the
   * session too (closing it, since closeOnDestroy was sent first). Never throws for what the
   * server or network does.
   */
  async abandon(): Promise<void> {
    const timeoutMs = this.#settings.connectTimeoutMs;
    const bound = new AbortController();
    const timer = setTimeout(() => bound.abort(), 2 * timeoutMs);
    try {
      await unlessAborted(
        (async () => {
          await this.#router.invoke(this.#sessionFactory, {
            operation: "closeOnDestroy",
            mode: Normal,
            params: encodeParams(OMERO_TYPES, []),
            timeoutMs,
          });
          await this.#router.destroySession({ timeoutMs });
        })(),
        bound.signal,
      );
    } catch (error) {
      // The connection failed, the session is gone already, or the bound passed: closing the
      // connection is all that is left.
      if (!(error instanceof IceError) && !bound.signal.aborted) throw error;
    } finally {
      clearTimeout(timer);
    }
    await this.#connection.close();
  }

  /** Disconnects; Glacier2 then destroys its session, and a detached server session survives. */
  async release(): Promise<void> {
    await this.#connection.close();
  }

  /** Ice heartbeats keep Glacier2 from dropping an idle connection (long-running commands). */
  startHeartbeat(): void {
    this.#connection.startHeartbeat(HEARTBEAT_MS);
  }

  get #connection(): Connection {
    return this.#router.connection as Connection;
  }

  /** A routed call (registration and retry are the router's business). */
  async #call(
    target: Proxy,
    operation: string,
    mode: OperationMode,
    params: readonly Param[] = [],
    result?: TypeDesc,
  ): Promise<unknown> {
    const reply = await this.#router.invoke(target, {
      operation,
      mode,
      params: encodeParams(OMERO_TYPES, params),
      timeoutMs: this.#settings.callTimeoutMs,
    });
    return result === undefined ? undefined : readResult(reply, result);
  }

  /** An idempotent IAdmin call returning one value (a class unless `type` says otherwise). */
  #adminCall<T>(
    operation: string,
    params: readonly Param[],
    convert: (value: unknown) => T,
    type: TypeDesc = "class",
  ): Promise<T> {
    return this.#mapped(async () =>
      convert(await this.#call(this.#services.admin, operation, Idempotent, params, type))
    );
  }

  /** Runs a public operation; an Ice failure leaves as one of the kinds of ./errors.ts. */
  async #mapped<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw omeroFailure(error, this.target);
    }
  }
}

function routerEndpoint(server: ServerTarget): IpEndpoint {
  return {
    kind: server.transport,
    host: server.host,
    port: effectivePort(server),
    timeout: -1,
    compress: false,
    ...(server.path !== undefined ? { resource: server.path } : {}),
  };
}
