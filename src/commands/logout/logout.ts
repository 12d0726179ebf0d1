// `logout`: join the current session, close it on the server, then forget it
// locally. Prints nothing and succeeds when there was nothing to log out of, when the server
// confirms the close, or when it says the session is gone already. A usage or configuration
// error changes nothing (exit 2); a file that cannot be read is reported and kept. When the
// session could not be closed (unreachable, certificate refused…) the local file is removed
// anyway, as omero-py does, and the failure says that the session stays alive on the server
// until its idle timeout, with the failure's exit code.
import { isRefusal } from "../../check/session-check.ts";
import { storedServer } from "../../connection-string.ts";
import { CliError, ContextualError } from "../../errors.ts";
import { joinSession } from "../../omero/session.ts";
import type { StoredSession } from "../../store/session-store.ts";
import { SessionNotFoundError } from "../../store/store-errors.ts";
import type { ConnectionOptions } from "../../login/options.ts";
import type { CommandContext } from "../context.ts";

export interface LogoutOptions extends ConnectionOptions {
  /** Deprecated hidden `--session-dir`. */
  sessionDir?: string;
}

export async function run(options: LogoutOptions, context: CommandContext): Promise<void> {
  const store = context.store(options.sessionDir);
  const open = await context.opener(options);
  const { host, user, uuid } = store.getCurrent();
  if (!host || !user || !uuid) return;
  let stored: StoredSession;
  try {
    stored = store.get(host, user, uuid);
  } catch (error) {
    // Only the marker is left: forget it.
    if (!(error instanceof SessionNotFoundError)) throw error;
    store.remove(host, user, uuid);
    return;
  }
  let failure: CliError | undefined;
  try {
    const session = await joinSession(open, storedServer(stored), uuid);
    await session.closeServerSession();
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    if (!isRefusal(error)) failure = error;
  }
  store.remove(host, user, uuid);
  if (failure) {
    throw new ContextualError(
      `could not close the session on the server (${failure.message}); removed locally, it ` +
        `stays alive on the server until its idle timeout`,
      failure,
    );
  }
}
