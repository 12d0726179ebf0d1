// "Is this stored session alive?" for `list`, `status`, `clear` and `version`: join with the
// stored key (detached, so the server session survives us), use it, release the connection.
// Failures are sorted into what the server said (the session is gone) and what kept us from
// asking (unreachable, or any other error), because only the first may delete a stored file.
import { storedServer } from "../connection-string.ts";
import { CliError } from "../errors.ts";
import { AuthenticationRefusedError, SessionGoneError, UnreachableError } from "../omero/errors.ts";
import type { EventContext, SessionInfo } from "../omero/model.ts";
import { joinSession, type OmeroSession, type SessionOpener } from "../omero/session.ts";
import type { StoredSession } from "../store/session-store.ts";

export type SessionState = "alive" | "gone" | "unreachable" | "error";

export type SessionCheck =
  | { state: "alive"; eventContext: EventContext; info: SessionInfo }
  | { state: Exclude<SessionState, "alive">; error: CliError };

/** What a join needs: a stored session, or a key and server given on the command line. */
export type SessionRef = Pick<StoredSession, "host" | "uuid" | "port">;

/**
 * Joins `stored`, runs `use` on the open session and releases it (never closes it). Throws
 * the join's or `use`'s failure.
 */
export async function withStoredSession<T>(
  stored: SessionRef,
  open: SessionOpener,
  use: (session: OmeroSession) => Promise<T>,
): Promise<T> {
  const session = await joinSession(open, storedServer(stored), stored.uuid, { detach: true });
  try {
    return await use(session);
  } finally {
    await session.release();
  }
}

/** One check: the join itself reads the EventContext and the session's times. */
export async function checkStoredSession(
  stored: SessionRef,
  open: SessionOpener,
): Promise<SessionCheck> {
  try {
    return await withStoredSession(stored, open, (session) => Promise.resolve(aliveCheck(session)));
  } catch (error) {
    return failedCheck(error);
  }
}

/** What a joined session tells about itself. */
export function aliveCheck(session: OmeroSession): SessionCheck {
  return { state: "alive", eventContext: session.eventContext, info: session.info };
}

/** A failed join or call, sorted by what it says about the session. */
export function failedCheck(error: unknown): SessionCheck & { error: CliError } {
  const cliError = error instanceof CliError ? error : new CliError(String(error));
  return { state: failureState(cliError), error: cliError };
}

/**
 * A refused join (Glacier2's PermissionDeniedException) or an expired/removed session is the
 * server saying the session is gone; anything else leaves the question open.
 */
function failureState(error: CliError): Exclude<SessionState, "alive"> {
  if (isRefusal(error)) return "gone";
  return error instanceof UnreachableError ? "unreachable" : "error";
}

/** The server refused a join or said the session is gone (not: we could not ask it). */
export function isRefusal(error: unknown): boolean {
  return error instanceof AuthenticationRefusedError || error instanceof SessionGoneError;
}
