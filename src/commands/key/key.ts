// `sessions key`: print the current session key (reference §6.8; exit 4 without one, SPEC §5).
import type { IO } from "../../cli/io.ts";
import { openStore } from "../../cli/open-store.ts";
import { requireCurrentSession } from "../shared/current-session.ts";

export interface KeyOptions {
  /** Deprecated hidden `--session-dir`. */
  sessionDir?: string;
}

export function run(options: KeyOptions, io: IO): void {
  const current = requireCurrentSession(openStore(io, options.sessionDir), io.programName);
  io.stdout.write(`${current.uuid}\n`);
}
