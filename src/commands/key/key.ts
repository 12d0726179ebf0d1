// `sessions key`: print the current session key (exit 4 without one).
import { requireCurrentSession } from "../shared/current-session.ts";
import type { CommandContext } from "../context.ts";

export interface KeyOptions {
  /** Deprecated hidden `--session-dir`. */
  sessionDir?: string;
}

export function run(options: KeyOptions, context: CommandContext): void {
  const current = requireCurrentSession(context.store(options.sessionDir), context.programName);
  context.io.stdout.write(`${current.uuid}\n`);
}
