// `exec [-k KEY] -- CMD ARGS…`: run CMD with the session in its environment (OMERO_SESSION_KEY,
// OMERO_HOST, OMERO_PORT, OMERO_SESSIONDIR; never OMERO_PASSWORD), keep the session alive while it
// runs, pass SIGINT/SIGTERM/SIGHUP on to it, and return its exit status (128+N when a signal N
// ended it). exec never creates a session: without one it fails before CMD runs.
import { escapeControl } from "../../control-chars.ts";
import type { IO } from "../../cli/io.ts";
import { effectivePort, resolveServer, splitConnectionString } from "../../connection-string.ts";
import { isRefusal } from "../../check/session-check.ts";
import { AuthError, NoSessionError, UsageError } from "../../errors.ts";
import type { ImplicitLogin, LoginOptions } from "../../login/options.ts";
import { joinSession, type OmeroSession } from "../../omero/session.ts";
import type { SessionStore } from "../../store/session-store.ts";
import { currentStoredSession } from "../shared/current-session.ts";
import { childEnvironment } from "./child-environment.ts";
import { keepAliveEvery } from "./keep-alive-loop.ts";
import type { CommandContext } from "../context.ts";

export interface ExecOptions {
  key?: string;
  /** CMD and its arguments. */
  command: string[];
}

/** The longest pause between keep-alives (omero-py's CLI uses 300 s). */
const MAX_KEEPALIVE_MS = 300_000;
const FORWARDED: readonly Deno.Signal[] = ["SIGINT", "SIGTERM", "SIGHUP"];
/** The shell's status for a command that cannot be found. */
const NOT_FOUND_STATUS = 127;

interface Target {
  host: string;
  port?: string;
  key: string;
}

/** Returns CMD's exit status. */
export async function run(
  options: ExecOptions & ImplicitLogin,
  context: CommandContext,
): Promise<number> {
  const { io } = context;
  const { login } = options;
  const store = context.store(login.sessionDir);
  const target = options.key === undefined
    ? currentTarget(store, context.programName)
    : keyTarget(options.key);
  const session = await join(target, options.key === undefined, login, context);
  try {
    const server = resolveServer(target.host, target.port);
    const env = childEnvironment(io.env, {
      OMERO_SESSION_KEY: session.uuid,
      OMERO_HOST: target.host,
      OMERO_PORT: String(effectivePort(server)),
      OMERO_SESSIONDIR: store.dir,
    });
    return await runChild(options.command, env, session, io);
  } finally {
    await session.release();
  }

  function keyTarget(key: string): Target {
    if (login.server !== undefined) {
      const { server, port } = splitConnectionString(login.server);
      return { host: server, port: port ?? login.port, key };
    }
    const current = store.getCurrent();
    const host = current.host;
    if (!host) throw new UsageError("exec -k KEY: say which server with -s HOST");
    const owner = store.findNameByKey(host, key);
    // A key stored elsewhere is looked for on the current server, at its port (as login -k).
    const port = owner === undefined
      ? login.port ?? current.port
      : store.get(host, owner, key).port;
    return { host, port, key };
  }
}

function currentTarget(store: SessionStore, programName: string): Target {
  const { host, uuid, port } = currentStoredSession(store, programName);
  return { host, port, key: uuid };
}

async function join(
  target: Target,
  current: boolean,
  login: LoginOptions,
  context: CommandContext,
) {
  const open = await context.opener(login);
  const server = resolveServer(target.host, target.port);
  try {
    return await joinSession(open, server, target.key);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    if (current) {
      throw new NoSessionError(
        `the current session on ${target.host} has expired or was closed: log in again`,
      );
    }
    throw new AuthError(`Bad session key. Cannot join ${target.key} on ${target.host}.`);
  }
}

async function runChild(
  command: string[],
  env: Record<string, string>,
  session: OmeroSession,
  io: IO,
): Promise<number> {
  const [program, ...args] = command;
  let child: Deno.ChildProcess;
  try {
    // clearEnv: the child gets `env` alone, not Deno's environment merged with it.
    child = new Deno.Command(program, { args, env, clearEnv: true, stdin: "inherit" }).spawn();
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    io.stderr.write(`exec: ${escapeControl(program)}: command not found\n`);
    return NOT_FOUND_STATUS;
  }
  const forward = FORWARDED.filter((signal) => io.platform !== "windows" || signal === "SIGINT")
    .map((signal) => {
      const listener = () => child.kill(signal);
      Deno.addSignalListener(signal, listener);
      return () => Deno.removeSignalListener(signal, listener);
    });
  session.startHeartbeat();
  const interval = Math.min(MAX_KEEPALIVE_MS, session.info.timeToIdle / 2 || MAX_KEEPALIVE_MS);
  const keepingAlive = keepAliveEvery(session, interval, (message) => {
    io.stderr.write(`Keep alive failed: ${escapeControl(message)}\n`);
  });
  try {
    return (await child.status).code;
  } finally {
    keepingAlive.stop();
    forward.forEach((remove) => remove());
  }
}
