// `sessions clear [--all]`: closes every stored session on its server
// at one join per server and user (src/check/close-stored-sessions.ts), then removes the files
// and the `._LASTSESS_` markers that named them. A session whose server cannot be reached (or
// whose certificate is refused) is removed locally anyway (that is what the user asked for) with
// a warning that it stays alive until its idle timeout, and the exit code is that failure's. A
// usage or configuration error changes nothing. Several `clear`s at once each count and report
// only the files they removed themselves. `--all` is accepted for compatibility.
import { escapeControl } from "../../control-chars.ts";
import { closeStoredSessions } from "../../check/close-stored-sessions.ts";
import { failedCheck } from "../../check/session-check.ts";
import { type CliError, ContextualError } from "../../errors.ts";
import type { ConnectionOptions } from "../../login/options.ts";
import type { CommandContext } from "../context.ts";

export interface ClearOptions extends ConnectionOptions {
  all?: boolean;
  sessionDir?: string;
}

export async function run(options: ClearOptions, context: CommandContext): Promise<void> {
  const { io } = context;
  const store = context.store(options.sessionDir);
  const sessions = store.contents();
  const open = await context.opener(options);
  const failures = await closeStoredSessions(sessions, open);
  let cleared = 0;
  const alive: CliError[] = [];
  sessions.forEach((stored, index) => {
    // Another `clear` removed it first: it is that one's to report.
    if (!store.remove(stored.host, stored.user, stored.uuid)) return;
    cleared++;
    const failure = failures[index];
    // A refused join means the server has already ended the session: nothing to report.
    if (!failure || failedCheck(failure).state === "gone") return;
    alive.push(failure);
    const warning = `warning: could not close ${stored.user}'s session ${stored.uuid} on the ` +
      `server (${failure.message}); removed locally, it stays alive until its idle timeout`;
    io.stderr.write(`${escapeControl(warning)}\n`);
  });
  io.stdout.write(`${sessionCount(cleared)} cleared\n`);
  if (alive.length > 0) {
    throw new ContextualError(
      `${sessionCount(alive.length)} could not be closed on the server: ${alive[0].message}`,
      alive[0],
    );
  }
}

/** "1 session", "3 sessions". */
function sessionCount(count: number): string {
  return `${count} ${count === 1 ? "session" : "sessions"}`;
}
