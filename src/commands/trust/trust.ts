// `trust list [--json]` and `trust forget HOST[:PORT]`: how known_hosts trusts each server.
// Forgetting one lets the next connection pin the server's new certificate (after a planned
// certificate change) or record it as CA-verified again; the host and port are those of the
// connection (a plain host means ssl on 4064, as for login). A known_hosts that cannot be read
// or written is a KnownHostsFileError: one clear line, like any other failure.
import { jsonDocument } from "../shared/json-document.ts";
import { effectivePort, parseConnectionString } from "../../connection-string.ts";
import { CliError } from "../../errors.ts";
import { hostPortKey } from "../../ice/types.ts";
import { forgetKnownHost } from "../../trust/known-hosts.ts";
import { trustedServers } from "../../trust/trusted-servers.ts";
import { renderSqlTable } from "../../table.ts";
import type { CommandContext } from "../context.ts";
import { formatCtime } from "../list/ctime.ts";

export async function list(options: { json?: boolean }, context: CommandContext): Promise<void> {
  const { io, knownHostsPath: file } = context;
  const servers = await trustedServers(file);
  if (options.json) {
    io.stdout.write(jsonDocument({ file, certificates: servers }));
    return;
  }
  io.stdout.write(renderSqlTable(
    ["Server", "Trust", "SHA-256", "Subject", "Expires"],
    servers.map((s) => [
      s.hostPort,
      s.trust,
      s.fingerprint256,
      s.subject ?? "",
      s.validTo ? formatCtime(new Date(s.validTo)) : "",
    ]),
  ));
}

export async function forget(
  { hostPort }: { hostPort: string },
  context: CommandContext,
): Promise<void> {
  const { io, knownHostsPath: file } = context;
  const target = parseConnectionString(hostPort);
  const key = hostPortKey(target.host, effectivePort(target));
  if (!(await forgetKnownHost(file, key))) {
    throw new CliError(`no certificate is pinned for ${key} in ${file}`);
  }
  io.stderr.write(`Forgot the certificate of ${key} (${file})\n`);
}
