// A login's first choice (docs/login.md): reuse the current session ("Using") when the command line
// does not point elsewhere. A refused join removes the session; an unreachable server fails
// instead; a file that cannot be read is reported and kept (the login goes on as if there were
// none).
import type { CurrentSession } from "../store/session-store.ts";
import type { LoginTarget } from "./arguments.ts";
import type { LoginRun, Outcome } from "./login-run.ts";
import { sameServerPort } from "./same-port.ts";

export async function useCurrent(
  run: LoginRun,
  target: LoginTarget,
  previous: CurrentSession,
): Promise<Outcome | undefined> {
  const { host, user, uuid } = previous;
  if (!host || !user) return undefined;
  // Read before matching: the store reports a damaged file whether or not it is reused.
  const found = uuid === undefined ? undefined : run.readStored(host, user, uuid);
  const unreadable = found instanceof Error;
  const stored = unreadable ? undefined : found;
  // The session's own port, not `._LASTPORT_` (4064 for a URL host stored without one).
  const port = stored ? stored.port : previous.port;
  if (!pointsAt(target, host, user, port)) return undefined;

  const where = `${host}:${previous.port}`;
  const groupConflict = stored !== undefined && run.options.group !== undefined &&
    stored.group !== run.options.group;
  if (uuid === undefined || groupConflict || unreadable) {
    run.note(`Previously logged in to ${where} as ${user}`);
    return undefined;
  }
  const session = stored && await run.joinStored(stored);
  if (session) return { action: "Using", session, stored, becomesCurrent: true };
  run.say(`Previous session expired for ${user} on ${where}`);
  run.store.remove(host, user, uuid);
  return undefined;
}

/** Whether the server, user and port asked for (where given) are these. */
function pointsAt(
  target: LoginTarget,
  host: string,
  user: string,
  port: string | undefined,
): boolean {
  if (target.server !== undefined && target.server !== host) return false;
  if (target.name !== undefined && target.name !== user) return false;
  return target.port === undefined || sameServerPort(host)(port, target.port);
}
