// `sessions file`: print the path of the current session file (with the host
// escaped as on disk, so URL hosts print a path that exists).
import { requireCurrentSession } from "../shared/current-session.ts";
import type { CommandContext } from "../context.ts";

export interface FileOptions {
  /** Deprecated hidden `--session-dir`. */
  sessionDir?: string;
}

export function run(options: FileOptions, context: CommandContext): void {
  const current = requireCurrentSession(context.store(options.sessionDir), context.programName);
  context.io.stdout.write(`${current.path}\n`);
}
