// The current session's stored file, for commands that join it (`status`, `version`).
import { requireCurrentSession } from "../commands/shared/current-session.ts";
import type { SessionStore, StoredSession } from "../store/session-store.ts";

/** Throws NoSessionError (exit 4) when there is none, like `key` and `file`. */
export function currentStoredSession(store: SessionStore): StoredSession {
  const { host, user, uuid, path } = requireCurrentSession(store);
  return { host, user, uuid, path, props: store.get(host, user, uuid) };
}
