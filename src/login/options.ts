// The options of `login` and of the implicit login of server commands, filled by the parser
// (src/cli/program.ts); shared by the commands and src/login. The connection options
// exist at three levels (top level, `sessions`, `login`); the deepest given value wins.

/** omero-py's shared login arguments plus ours; accepted at every level. */
export interface ConnectionOptions {
  /** `-C`: create a new session regardless of existing ones. */
  create?: boolean;
  /** `-s`: `[USER@]SERVER[:PORT]`, parsed like the positional connection string. */
  server?: string;
  /** `-p`, kept as typed (a string), as omero-py stores it. */
  port?: string;
  group?: string;
  user?: string;
  /** `-w` (visible in process listings; prefer the next two). */
  password?: string;
  /** Read the password from the first line of stdin. */
  passwordStdin?: boolean;
  /** Read the password from the first line of this file. */
  passwordFile?: string;
  key?: string;
  sudo?: string;
  quiet?: boolean;
  /** Skip TLS verification (like omero-py). */
  insecure?: boolean;
  /** Also trust the CAs in this PEM file; the certificate must then verify by a CA. */
  caFile?: string;
  /** Seconds; when absent, env OMERO_CONNECT_TIMEOUT, else 5 (see `connectTimeoutMs`). */
  connectTimeout?: number;
}

export interface LoginOptions extends ConnectionOptions {
  /** The positional `[USER@]SERVER[:PORT]`. */
  connection?: string;
  /** `-t`: idle timeout of a new session, seconds. */
  timeout?: number;
  /** `--retry [SECS]`: keep retrying for this many seconds; 0 = no retry. */
  retry: number;
  /** Deprecated hidden `--session-dir`. */
  sessionDir?: string;
}

/** The options of a server command's implicit login, beside the command's own. */
export interface ImplicitLogin {
  login: LoginOptions;
}
