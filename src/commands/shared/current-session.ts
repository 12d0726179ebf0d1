// The current session as commands see it: the markers must name a stored session.
import { NoSessionError } from "../../errors.ts";
import type { SessionStore, StoredSession } from "../../store/session-store.ts";

export interface CurrentSessionFile {
  host: string;
  user: string;
  uuid: string;
  path: string;
}

/** Throws NoSessionError (exit 4) when there is no current session or its file is gone. */
export function requireCurrentSession(
  store: SessionStore,
  programName: string,
): CurrentSessionFile {
  const { host, user, uuid } = store.getCurrent();
  if (!host || !user || !uuid) {
    throw new NoSessionError(`no current session: log in first with \`${programName} login\``);
  }
  const path = store.sessionPath(host, user, uuid);
  if (!store.exists(host, user, uuid)) {
    throw new NoSessionError(
      `the current session of ${user}@${host} is no longer stored (${path}): log in again`,
    );
  }
  return { host, user, uuid, path };
}

/** The current session with its stored properties, for commands that join it. */
export function currentStoredSession(store: SessionStore, programName: string): StoredSession {
  const { host, user, uuid } = requireCurrentSession(store, programName);
  return store.get(host, user, uuid);
}
