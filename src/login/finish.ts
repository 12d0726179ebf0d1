// The end of every login path: mark the session current (unless it came from a
// foreign `-k` key) and show the banner with the host and port it is stored with.
import { effectivePort, storedServer } from "../connection-string.ts";
import type { OmeroSession } from "../omero/session.ts";
import { DEFAULT_PORT } from "../store/session-store.ts";
import { formatBanner, type LoginAction } from "./banner.ts";
import type { LoginRun, Outcome } from "./login-run.ts";

export interface LoginResult {
  action: LoginAction;
  session: OmeroSession;
  /** The server string as stored (`omero.host`). */
  host: string;
  /** The port the session is stored and shown with. */
  port: number;
}

export function finish(run: LoginRun, outcome: Outcome): LoginResult {
  const { action, session, stored } = outcome;
  const { host } = stored;
  const port = effectivePort(storedServer(stored));
  if (outcome.becomesCurrent) {
    const user = session.eventContext.userName;
    run.store.setCurrent(host, user, session.uuid, stored.port ?? DEFAULT_PORT);
  }
  run.note(formatBanner(action, `${host}:${port}`, session.eventContext, session.info));
  return { action, session, host, port };
}
