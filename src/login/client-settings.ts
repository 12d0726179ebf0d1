// The connection settings of one invocation: agent, timeouts and the TLS trust policy
// (`--insecure`, `--ca-file`, else known_hosts pinning with a first-use notice).
import type { IO } from "../cli/io.ts";
import { connectTimeoutMs } from "../cli/connect-timeout.ts";
import { knownHostsPath } from "../cli/known-hosts-path.ts";
import type { ConnectionOptions } from "./options.ts";
import { UsageError } from "../errors.ts";
import type { TrustPolicy } from "../ice/transport.ts";
import type { ClientSettings } from "../omero/session.ts";

const AGENT = "OMERO.sessions";
const CALL_TIMEOUT_MS = 60_000;

export async function clientSettings(options: ConnectionOptions, io: IO): Promise<ClientSettings> {
  return {
    agent: AGENT,
    connectTimeoutMs: connectTimeoutMs(options.connectTimeout, io.env),
    callTimeoutMs: CALL_TIMEOUT_MS,
    trust: await trustPolicy(options, io),
  };
}

/** A bad --ca-file is a usage error at once; the known_hosts path is found only when needed. */
async function trustPolicy(options: ConnectionOptions, io: IO): Promise<() => TrustPolicy> {
  if (options.insecure) return () => ({ mode: "insecure" });
  if (options.caFile !== undefined) {
    let caPem: string;
    try {
      caPem = await Deno.readTextFile(options.caFile);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new UsageError(`cannot read --ca-file ${options.caFile}: ${reason}`);
    }
    return () => ({ mode: "ca", caPem });
  }
  return () => {
    const path = knownHostsPath(io);
    return {
      mode: "pin",
      knownHostsPath: path,
      onPinned: (hostPort, fingerprint) =>
        io.stderr.write(
          `Trusting the certificate of ${hostPort} on first use (SHA-256 ${fingerprint}); ` +
            `pinned in ${path}\n`,
        ),
    };
  };
}
