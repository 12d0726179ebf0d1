// `trust list [--json]` and `trust forget HOST[:PORT]`: the certificates pinned on first use.
// Forgetting one lets the next connection pin the server's new certificate (after a planned
// certificate change); the host and port are those of the connection (a plain host means ssl
// on 4064, as for login).
import { Buffer } from "node:buffer";
import { X509Certificate } from "node:crypto";
import type { IO } from "../../cli/io.ts";
import { effectivePort, parseConnectionString } from "../../connection-string.ts";
import { CliError } from "../../errors.ts";
import {
  forgetKnownHost,
  hostPortKey,
  type KnownHost,
  readKnownHosts,
} from "../../ice/known-hosts.ts";
import { KnownHostsFileError } from "../../ice/errors.ts";
import { renderSqlTable } from "../../table.ts";
import { formatCtime } from "../list/ctime.ts";
import { knownHostsPath } from "../../cli/known-hosts-path.ts";
import { jsonDocument } from "../../cli/json-document.ts";

export interface PinnedCertificate {
  hostPort: string;
  fingerprint256: string;
  /** Subject and expiry of the stored certificate; null if it is not stored or unreadable. */
  subject: string | null;
  validTo: string | null;
}

export async function list(options: { json?: boolean }, io: IO): Promise<void> {
  const file = knownHostsPath(io);
  const pinned = (await explained(readKnownHosts(file))).map(describe);
  if (options.json) {
    io.stdout.write(jsonDocument({ file, certificates: pinned }));
    return;
  }
  io.stdout.write(renderSqlTable(
    ["Server", "SHA-256", "Subject", "Expires"],
    pinned.map((p) => [
      p.hostPort,
      p.fingerprint256,
      p.subject ?? "",
      p.validTo ? formatCtime(new Date(p.validTo)) : "",
    ]),
  ));
}

export async function forget(hostPort: string, io: IO): Promise<void> {
  const file = knownHostsPath(io);
  const target = parseConnectionString(hostPort);
  const key = hostPortKey(target.host, effectivePort(target));
  if (!(await explained(forgetKnownHost(file, key)))) {
    throw new CliError(`no certificate is pinned for ${key} in ${file}`);
  }
  io.stderr.write(`Forgot the certificate of ${key} (${file})\n`);
}

/** A known_hosts that cannot be read or written is one clear line, like any other failure. */
async function explained<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    if (error instanceof KnownHostsFileError) throw new CliError(error.message, { cause: error });
    throw error;
  }
}

function describe(entry: KnownHost): PinnedCertificate {
  const base = { hostPort: entry.hostPort, fingerprint256: entry.fingerprint256 };
  try {
    const certificate = new X509Certificate(Buffer.from(entry.certificateBase64, "base64"));
    return {
      ...base,
      subject: certificate.subject.split("\n").join(", "),
      validTo: new Date(certificate.validTo).toISOString(),
    };
  } catch {
    return { ...base, subject: null, validTo: null };
  }
}
