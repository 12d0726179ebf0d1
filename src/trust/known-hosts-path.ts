// Where the trust policy keeps its records: `<OMERO user dir>/known_hosts` (docs/tls-trust.md).
import { type DirInputs, resolveUserDir } from "../dirs.ts";
import { pathFor } from "../fs/path.ts";

/** Throws (a CliError saying so) when there is no OMERO user directory, e.g. no HOME. */
export function knownHostsPath(inputs: DirInputs & { cwd: string }): string {
  const path = pathFor(inputs.platform);
  return path.join(path.resolve(inputs.cwd, resolveUserDir(inputs)), "known_hosts");
}
