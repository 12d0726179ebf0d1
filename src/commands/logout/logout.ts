// `logout` (reference §6.9): join the current session, close it on the server, then forget it
// locally. Prints nothing and succeeds even when there was nothing to log out of, or the
// server could not be reached (the local file is removed either way, as omero-py does).
import type { IO } from "../../cli/io.ts";
import { openStore } from "../../cli/open-store.ts";
import { storedServer } from "../../connection-string.ts";
import { clientSettings } from "../../login/client-settings.ts";
import { OmeroError } from "../../omero/errors.ts";
import { joinSession, sessionOpener } from "../../omero/session.ts";
import type { ConnectionOptions } from "../login/options.ts";

export interface LogoutOptions extends ConnectionOptions {
  /** Deprecated hidden `--session-dir`. */
  sessionDir?: string;
}

export async function run(options: LogoutOptions, io: IO): Promise<void> {
  const store = openStore(io, options.sessionDir);
  const { host, user, uuid } = store.getCurrent();
  if (!host || !user || !uuid) return;
  try {
    const stored = store.get(host, user, uuid);
    const open = sessionOpener(await clientSettings(options, io));
    const session = await joinSession(open, storedServer(stored), uuid);
    await session.closeServerSession();
  } catch (error) {
    // Expired, unknown or unreachable: there is no server session left for us to end.
    if (!(error instanceof OmeroError)) throw error;
  }
  store.remove(host, user, uuid);
}
