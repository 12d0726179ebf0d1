// The login algorithm of reference §4.4 with SPEC §5's changes: reuse stops at the first
// stored session that works, an unreachable server never deletes a stored session, a wrong
// password from a non-interactive source fails at once (exit 3), and every message goes to
// stderr. The session is returned still open so that commands needing a server can use it.
import {
  effectivePort,
  resolveServer,
  type ServerTarget,
  splitConnectionString,
} from "../connection-string.ts";
import { isRefusal } from "../check/session-check.ts";
import { AuthError } from "../errors.ts";
import type { Prompter } from "../prompt/prompter.ts";
import type { SessionProps } from "../store/session-file.ts";
import { buildLoginProps } from "../store/session-file.ts";
import type { SessionStore } from "../store/session-store.ts";
import { DEFAULT_PORT } from "../store/session-store.ts";
import { joinSession, type OmeroSession, type SessionOpener } from "../omero/session.ts";
import { checkArguments, type LoginOptions, type LoginTarget } from "./arguments.ts";
import { formatBanner, type LoginAction } from "./banner.ts";
import { askPassword, givenPassword } from "./password.ts";
import { withRetry } from "./retry.ts";
import { sudoLogin } from "./sudo.ts";

export interface LoginContext {
  store: SessionStore;
  prompter: Prompter;
  env: Readonly<Record<string, string | undefined>>;
  stdin: ReadableStream<Uint8Array>;
  /** One line on stderr. */
  say(line: string): void;
  open: SessionOpener;
}

export interface LoginResult {
  action: LoginAction;
  session: OmeroSession;
  /** The server string as stored (`omero.host`). */
  host: string;
  /** The port the session is stored and shown with. */
  port: number;
}

const MAX_PASSWORD_ATTEMPTS = 3;

export async function login(options: LoginOptions, context: LoginContext): Promise<LoginResult> {
  const target = checkArguments(options);
  const { store, say } = context;
  const note = (line: string) => options.quiet || say(line);
  if (target.server !== undefined) resolveServer(target.server, target.port);

  const previous = store.getCurrent();
  if (options.key !== undefined) {
    if (target.name !== undefined) note("Overriding name since session key set");
    if (options.group !== undefined) note("Ignoring group since session key set");
    if (options.password !== undefined) note("Ignoring password since session key set");
    target.name = options.key;
  } else if (!options.create && previous.host && previous.user) {
    const { host, user, uuid } = previous;
    const stored = uuid === undefined ? undefined : readStored(store, host, user, uuid);
    if (matchesPrevious(host, user, stored)) {
      const reused = await useCurrent(host, user, uuid, stored);
      if (reused) return finish(reused);
    }
  }

  function matchesPrevious(host: string, user: string, stored: SessionProps | undefined) {
    if (target.server !== undefined && target.server !== host) return false;
    if (target.name !== undefined && target.name !== user) return false;
    // The session's own port: `._LASTPORT_` says 4064 for a URL host stored without one.
    const port = stored ? stored.get("omero.port") : previous.port;
    return target.port === undefined || sameServerPort(host)(port, target.port);
  }

  async function useCurrent(
    host: string,
    user: string,
    uuid: string | undefined,
    stored: SessionProps | undefined,
  ) {
    const where = `${host}:${previous.port}`;
    // A file that cannot be read is an expired session (below), not a group conflict.
    const groupConflict = stored !== undefined && options.group !== undefined &&
      stored.get("omero.group") !== options.group;
    if (uuid === undefined || groupConflict) {
      note(`Previously logged in to ${where} as ${user}`);
      return undefined;
    }
    const session = stored && await joinStored(stored, uuid);
    if (session) return { action: "Using" as const, session, props: stored };
    say(`Previous session expired for ${user} on ${where}`);
    store.remove(host, user, uuid);
    return undefined;
  }

  /** Joins a stored session; undefined when the server says it is gone. */
  function joinStored(props: SessionProps, key: string): Promise<OmeroSession | undefined> {
    return joinOrUndefined(
      resolveServer(props.get("omero.host") ?? "", props.get("omero.port")),
      key,
    );
  }

  if (target.server === undefined) await askServer(target, context);
  if (target.name === undefined) await askName(target, context, previous.user);
  const server = target.server!;
  const name = target.name!;
  const endpoint = resolveServer(server, target.port);

  if (options.key !== undefined) return finish(await joinByKey(server, endpoint, options.key));
  if (!options.create) {
    const reconnected = await reconnect(server, name);
    if (reconnected) return finish(reconnected);
  }
  return finish(await create(server, name, endpoint));

  async function joinByKey(server: string, endpoint: ServerTarget, key: string) {
    const owner = store.findNameByKey(server, key);
    const where = target.port === undefined ? server : `${server}:${target.port}`;
    const bad = new AuthError(`Bad session key. Cannot join ${key} on ${where}.`);
    if (owner === undefined) {
      const props = buildLoginProps({
        host: server,
        user: name,
        port: target.port,
        timeout: options.timeout,
      });
      const session = await joinOrUndefined(endpoint, key);
      if (!session) throw bad;
      await applyTimeout(session);
      const user = session.eventContext.userName;
      props.set("omero.user", user);
      store.add(server, user, session.uuid, props);
      return { action: "Joined" as const, session, props, current: false };
    }
    const stored = readStored(store, server, owner, key);
    const portConflict = () =>
      store.conflicts(server, owner, key, portOnly(target), {
        checkGroup: false,
        samePort: sameServerPort(server),
      });
    if (!stored || portConflict()) {
      throw bad;
    }
    const session = await joinStored(stored, key);
    if (!session) {
      store.remove(server, owner, key);
      throw bad;
    }
    return { action: "Joined" as const, session, props: stored };
  }

  /** Joins the session `key` on `endpoint`; undefined when the server refuses it. */
  async function joinOrUndefined(endpoint: ServerTarget, key: string) {
    try {
      return await joinSession(context.open, endpoint, key);
    } catch (error) {
      if (isRefusal(error)) return undefined;
      throw error;
    }
  }

  async function reconnect(server: string, name: string) {
    const wanted = buildLoginProps({
      group: options.group,
      host: server,
      user: name,
      port: target.port,
    });
    for (const uuid of store.available(server, name)) {
      let conflicts: string;
      try {
        // Without -g any stored group will do, as in the `Using` path (omero-py skips them).
        conflicts = store.conflicts(server, name, uuid, wanted, {
          checkGroup: options.group !== undefined,
          samePort: sameServerPort(server),
        });
      } catch {
        continue; // unreadable file: the store already reported it
      }
      if (conflicts) {
        if (!conflicts.startsWith("omero.port") || conflicts.includes("omero.group")) {
          note(`Skipped session ${uuid} due to property conflicts: ${conflicts}`);
        }
        continue;
      }
      const stored = store.get(server, name, uuid);
      const session = await joinStored(stored, uuid);
      if (session) return { action: "Reconnected to" as const, session, props: stored };
      store.remove(server, name, uuid);
    }
    return undefined;
  }

  async function create(server: string, name: string, endpoint: ServerTarget) {
    let password = await givenPassword(options, context.env, context.stdin);
    for (let attempt = 1;; attempt++) {
      password ??= await askPassword(context.prompter, options.sudo);
      const credentials = { user: options.sudo ?? name, password };
      try {
        const session = await withRetry(
          options.retry,
          say,
          () =>
            options.sudo !== undefined
              ? sudoLogin(context.open, endpoint, credentials, name, options.group)
              : context.open(endpoint, credentials, { group: options.group }),
        );
        await applyTimeout(session);
        const props = buildLoginProps({
          group: options.group,
          host: server,
          user: name,
          port: target.port,
          timeout: options.timeout,
        });
        const user = session.eventContext.userName;
        props.set("omero.user", user);
        store.add(server, user, session.uuid, props, options.sudo);
        return {
          action: "Created" as const,
          session,
          props: store.get(server, user, session.uuid),
        };
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        if (attempt >= MAX_PASSWORD_ATTEMPTS) {
          throw new AuthError(`${MAX_PASSWORD_ATTEMPTS} incorrect password attempts`);
        }
        if (!context.prompter.interactive) throw error;
        say(error.message);
        password = undefined;
      }
    }
  }

  async function applyTimeout(session: OmeroSession): Promise<void> {
    if (options.timeout === undefined) return;
    const wanted = options.timeout * 1000;
    if (wanted === session.info.timeToIdle) return;
    const outcome = await session.setTimeToIdle(wanted);
    if (outcome) say(`Could not set the session timeout: ${outcome}`);
  }

  function finish(
    found: { action: LoginAction; session: OmeroSession; props: SessionProps; current?: boolean },
  ): LoginResult {
    const { action, session, props } = found;
    const host = props.get("omero.host")!;
    const storedPort = props.get("omero.port");
    const port = effectivePort(resolveServer(host, storedPort));
    const user = session.eventContext.userName;
    if (found.current !== false) {
      store.setCurrent(host, user, session.uuid, storedPort ?? DEFAULT_PORT);
    }
    note(formatBanner(action, `${host}:${port}`, session.eventContext, session.info));
    return { action, session, host, port };
  }
}

function readStored(store: SessionStore, host: string, user: string, uuid: string) {
  try {
    return store.get(host, user, uuid);
  } catch {
    return undefined;
  }
}

/**
 * Two ports of `host` are the same when they name the same port: an absent one means the
 * transport's default, and a URL's own port wins (omero-py compares the strings).
 */
function sameServerPort(host: string) {
  const port = (given: string | undefined) => effectivePort(resolveServer(host, given));
  return (a: string | undefined, b: string | undefined) => port(a) === port(b);
}

function portOnly(target: LoginTarget): SessionProps {
  const props: SessionProps = new Map();
  if (target.port !== undefined) props.set("omero.port", target.port);
  return props;
}

async function askServer(target: LoginTarget, context: LoginContext): Promise<void> {
  const { store, prompter } = context;
  const lastHost = store.lastHost();
  const port = target.port ?? store.lastPort();
  const isUrl = lastHost.includes("://");
  // omero-py#359: a URL host with `:4064` appended would connect to the wrong port.
  const shown = isUrl && port === DEFAULT_PORT ? lastHost : `${lastHost}:${port}`;
  const answer = await prompter.askWithDefault("Server:", shown, "server");
  if (answer === shown) {
    target.server = lastHost;
    if (!(isUrl && port === DEFAULT_PORT)) target.port = port;
    return;
  }
  const typed = splitConnectionString(answer);
  target.server = typed.server;
  if (typed.user !== undefined) target.name = typed.user;
  // Unlike omero-py, a port given with -p survives typing a host without one.
  if (typed.port !== undefined) target.port = typed.port;
  resolveServer(target.server, target.port);
}

async function askName(
  target: LoginTarget,
  context: LoginContext,
  previousUser: string | undefined,
): Promise<void> {
  const env = context.env;
  const fallback = previousUser || env.LOGNAME || env.USER || env.LNAME || env.USERNAME || "root";
  target.name = await context.prompter.askWithDefault("Username:", fallback, "username");
}
