// The options more than one command takes (the connection options of every level, transport,
// the deprecated --session-dir) and the rules that combine them: deepest level wins, the
// implicit login of a server command, one password source.
import { flag, type Merged, type OptionValues, value } from "../../cli/argparse.ts";
import {
  integerIn,
  MAX_SESSION_SECONDS,
  MAX_TIMER_SECONDS,
  port,
  positiveSeconds,
} from "../../cli/option-parsers.ts";
import { UsageError } from "../../errors.ts";
import type { ConnectionOptions, LoginOptions } from "../../login/options.ts";

/** How to reach a server; also on commands that only talk to the stored session's server. */
export const TRANSPORT = {
  insecure: flag(
    "--insecure",
    "Do not verify the server's TLS certificate (one warning; no pin)",
    { ours: true },
  ),
  caFile: value(
    "--ca-file",
    "FILE",
    "Also trust the CAs in this PEM file, and require a CA-verified certificate",
    { ours: true },
  ),
  connectTimeout: value(
    "--connect-timeout",
    "SECONDS",
    "Connect timeout (env OMERO_CONNECT_TIMEOUT, default 5)",
    { parse: positiveSeconds, ours: true },
  ),
};

/** omero-py's "Login arguments" plus ours; given at several levels, the deepest wins. */
export const CONNECTION = {
  create: flag("-C, --create", "Create a new session regardless of existing ones"),
  server: value(
    "-s, --server",
    "SERVER",
    "OMERO server: [USER@]HOST[:PORT] or a tcp|ssl|ws|wss URL",
  ),
  port: value(
    "-p, --port",
    "PORT",
    "OMERO server port (default 4064 ssl, 4063 tcp, 443 wss, 80 ws)",
    {
      parse: port,
    },
  ),
  group: value("-g, --group", "GROUP", "OMERO group to log in to"),
  user: value("-u, --user", "USER", "OMERO user name"),
  password: value(
    "-w, --password",
    "PASSWORD",
    "OMERO password (visible to other users; prefer the next two or OMERO_PASSWORD)",
  ),
  passwordStdin: flag("--password-stdin", "Read the password from the first line of stdin", {
    ours: true,
  }),
  passwordFile: value(
    "--password-file",
    "FILE",
    "Read the password from the first line of FILE",
    { ours: true },
  ),
  key: value("-k, --key", "KEY", "OMERO session key (UUID of an active session)"),
  sudo: value(
    "--sudo",
    "ADMINUSER",
    "Create the session as this admin (the password is the admin's)",
  ),
  quiet: flag("-q, --quiet", "Quiet mode: suppress most warnings and diagnostics"),
  ...TRANSPORT,
};

/** The connection options given on the levels above a command, merged (deepest wins). */
export type Above = OptionValues<typeof CONNECTION>;

export const SESSION_DIR = {
  sessionDir: value("--session-dir", "DIR", "deprecated: use OMERO_SESSIONDIR", { hidden: true }),
};

/** Seconds of a session timeout: sent as 64-bit milliseconds. */
export function sessionSeconds(min: number) {
  return integerIn(min, MAX_SESSION_SECONDS, "a number of seconds");
}

/** Seconds that a timer of ours waits. */
export function timerSeconds(min: number) {
  return integerIn(min, MAX_TIMER_SECONDS, "a number of seconds");
}

/** Own values over those given above (the parser merged those already, deepest first). */
export function merge<A extends object, O extends object>(above: A, own: O): Merged<A, O> {
  return Object.assign({}, above, own);
}

/** Options given to the command itself that belong to its implicit login. */
const OWN_LOGIN_OPTIONS = ["insecure", "caFile", "connectTimeout", "sessionDir"] as const;
type OwnLoginOptions = Pick<LoginOptions, typeof OWN_LOGIN_OPTIONS[number]>;

/**
 * The implicit login of a server command: the login options given on the levels above it, plus
 * its own transport options; no --retry. The command's other options (e.g. `open --timeout`,
 * `exec -k`) stay its own, unlike omero-py, where `open --timeout` also became login's `-t`.
 */
export function implicitLogin(above: Above, own: OwnLoginOptions): LoginOptions {
  const options: LoginOptions = { ...above, retry: 0 };
  for (const name of OWN_LOGIN_OPTIONS) overrideIfGiven(options, own, name);
  checkOnePasswordSource(options);
  return options;
}

function overrideIfGiven<T, K extends keyof T>(target: T, source: Pick<T, K>, name: K): void {
  if (source[name] !== undefined) target[name] = source[name];
}

export function onlyOne(a: unknown, aName: string, b: unknown, bName: string): void {
  if (a !== undefined && b !== undefined) {
    throw new UsageError(`give only one of ${aName}, ${bName}`);
  }
}

export function checkOnePasswordSource(options: ConnectionOptions): void {
  const given = [
    options.password !== undefined && "-w",
    options.passwordStdin && "--password-stdin",
    options.passwordFile !== undefined && "--password-file",
  ].filter(Boolean);
  if (given.length > 1) throw new UsageError(`give only one of ${given.join(", ")}`);
}
