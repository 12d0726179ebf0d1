// `sessions file`: print the path of the current session file (reference §6.7, with the host
// escaped as on disk, so URL hosts print a path that exists).
import type { IO } from "../../cli/io.ts";
import { openStore } from "../../cli/open-store.ts";
import { requireCurrentSession } from "../shared/current-session.ts";

export interface FileOptions {
  /** Deprecated hidden `--session-dir`. */
  sessionDir?: string;
}

export function run(options: FileOptions, io: IO): void {
  const current = requireCurrentSession(openStore(io, options.sessionDir), io.programName);
  io.stdout.write(`${current.path}\n`);
}
