// `sessions clear [--all]` (reference §6.6, SPEC §5): closes every stored session on its server
// at one join per server and user (src/check/close-stored-sessions.ts), then removes the files
// and the `._LASTSESS_` markers that named them. A session whose server cannot be reached is
// removed locally anyway (that is what the user asked for) with a warning: it ends at its idle
// timeout. `--all` is accepted for compatibility; clear always means all.
import { escapeControl } from "../../control-chars.ts";
import type { IO } from "../../cli/io.ts";
import { openStore } from "../../cli/open-store.ts";
import { closeStoredSessions } from "../../check/close-stored-sessions.ts";
import { failedCheck } from "../../check/session-check.ts";
import { clientSettings } from "../../login/client-settings.ts";
import { sessionOpener } from "../../omero/session.ts";
import type { ConnectionOptions } from "../login/options.ts";

export interface ClearOptions extends ConnectionOptions {
  all?: boolean;
  sessionDir?: string;
}

export async function run(options: ClearOptions, io: IO): Promise<void> {
  const store = openStore(io, options.sessionDir);
  const sessions = store.contents();
  const open = sessionOpener(await clientSettings(options, io));
  const failures = await closeStoredSessions(sessions, open);
  sessions.forEach((stored, index) => {
    const failure = failures[index];
    // A refused join means the server has already ended the session: nothing to report.
    if (failure && failedCheck(failure).state !== "gone") {
      const warning = `warning: could not close ${stored.user}'s session ${stored.uuid} on the ` +
        `server (${failure.message}); removed locally, it ends at its idle timeout`;
      io.stderr.write(`${escapeControl(warning)}\n`);
    }
    store.remove(stored.host, stored.user, stored.uuid);
  });
  io.stdout.write(`${sessions.length} ${sessions.length === 1 ? "session" : "sessions"} cleared\n`);
}
