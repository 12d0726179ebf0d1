// What `login` was asked to do, after its argument checks (conflicts are usage errors).
import { splitConnectionString } from "../connection-string.ts";
import { UsageError } from "../errors.ts";
import type { LoginOptions } from "./options.ts";

export type { LoginOptions };

export interface LoginTarget {
  server?: string;
  name?: string;
  port?: string;
}

/**
 * One server, one user, one port, whichever way they were given. The parser
 * (src/cli/program.ts) has already checked the values and that one password source is given.
 */
export function checkArguments(options: LoginOptions): LoginTarget {
  const { connection, server, user, port } = options;
  if (connection !== undefined && server !== undefined) {
    throw new UsageError(`Server specified twice: ${connection} and ${server}`);
  }
  const text = connection ?? server;
  const parts = text === undefined ? undefined : splitConnectionString(text);
  if (parts?.user !== undefined && user !== undefined) {
    throw new UsageError(`Username specified twice: ${parts.user} and ${user}`);
  }
  if (parts?.port !== undefined && port !== undefined) {
    throw new UsageError(`Port specified twice: ${parts.port} and ${port}`);
  }
  const target: LoginTarget = {};
  // An empty server ("" or "user@") means "ask", as in omero-py.
  if (parts?.server) target.server = parts.server;
  const name = parts?.user ?? user;
  if (name) target.name = name;
  const effectivePort = parts?.port ?? port;
  if (effectivePort !== undefined) target.port = effectivePort;
  return target;
}
