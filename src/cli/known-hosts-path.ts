// Where the pinned certificates live: `<OMERO user dir>/known_hosts`, the file the
// login's TLS trust policy writes.
import { pathFor } from "../fs/path.ts";
import type { IO } from "./io.ts";
import { resolveUserDir } from "../dirs.ts";

export function knownHostsPath(io: IO): string {
  const userDir = resolveUserDir({ env: io.env, homeDir: io.homeDir, platform: io.platform });
  const path = pathFor(io.platform);
  return path.join(path.resolve(io.cwd, userDir), "known_hosts");
}
