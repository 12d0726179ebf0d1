// Opens the session store the way every command must: directory precedence, the deprecation
// notices and store warnings on stderr.
import { escapeControl } from "../control-chars.ts";
import { pathFor } from "../fs/path.ts";
import { resolveSessionsDir } from "../dirs.ts";
import { SessionStore } from "../store/session-store.ts";
import type { IO } from "./io.ts";

/** `sessionDir` is the deprecated hidden `--session-dir` option. */
export function openStore(io: IO, sessionDir?: string): SessionStore {
  const { dir, notices } = resolveSessionsDir({
    env: io.env,
    homeDir: io.homeDir,
    platform: io.platform,
    sessionDirOption: sessionDir,
  });
  for (const notice of notices) io.stderr.write(`${notice}\n`);
  // A relative OMERO_SESSIONDIR is relative to the working directory, as in omero-py.
  // Warnings name files and directories whose names anyone with write access may have chosen.
  const warn = (line: string) => io.stderr.write(`${escapeControl(line)}\n`);
  return new SessionStore(pathFor(io.platform).resolve(io.cwd, dir), { warn });
}
