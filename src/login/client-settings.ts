// The connection settings of one invocation: agent, timeouts and the TLS trust policy
// (src/trust/: `--insecure`, `--ca-file`, SSL_CERT_FILE/DIR, known_hosts). The connect timeout
// and the known_hosts path come resolved from the command context (src/cli/context.ts).
import type { Env } from "../dirs.ts";
import type { ConnectionOptions } from "./options.ts";
import { UsageError } from "../errors.ts";
import { readNamedFile } from "../fs/read-named-file.ts";
import type { ClientSettings } from "../omero/session.ts";
import { pemCertificates } from "../trust/ca-sources.ts";
import { trustPolicy } from "../trust/policy.ts";

const AGENT = "OMERO.sessions";
const CALL_TIMEOUT_MS = 60_000;

/** What the settings take from the invocation besides the command's options. */
export interface SettingsSources {
  readonly env: Env;
  readonly platform: string;
  /** The name the user invoked, for the commands messages suggest. */
  readonly programName: string;
  /** One line for stderr. */
  readonly notice: (line: string) => void;
  readonly connectTimeoutMs: number;
  /** Called only when the trust policy first needs known_hosts. */
  readonly knownHostsPath: () => string;
}

export async function clientSettings(
  options: ConnectionOptions,
  { env, platform, programName, notice, connectTimeoutMs, knownHostsPath }: SettingsSources,
): Promise<ClientSettings> {
  return {
    agent: AGENT,
    connectTimeoutMs,
    callTimeoutMs: CALL_TIMEOUT_MS,
    trust: trustPolicy({
      insecure: options.insecure ?? false,
      quiet: options.quiet,
      caFile: options.caFile === undefined ? undefined : await readCaFile(options.caFile),
      env,
      platform,
      knownHostsPath,
      programName,
      notice,
    }),
  };
}

/** A --ca-file that cannot be read or holds no certificate is a usage error at once. */
async function readCaFile(path: string) {
  const certificates = pemCertificates(await readNamedFile(path, "--ca-file"));
  if (certificates.length === 0) {
    throw new UsageError(`--ca-file ${path} holds no PEM certificate`);
  }
  return { path, certificates };
}
