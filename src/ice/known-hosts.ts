// The known_hosts file: the pinned TLS certificate of every host:port we trusted on first use.
// One line per host:port: `HOST:PORT SHA256-FINGERPRINT BASE64-DER-CERTIFICATE`. The certificate
// is kept so that `trust list` can show subject and expiry; only the fingerprint is compared.
// Lines we do not understand (comments, future fields) are kept verbatim when we rewrite the file.
import { dirname } from "node:path";
import { makeDirectory, writeFileAtomic } from "../fs/atomic-write.ts";
import { withLockFile } from "../fs/lock-file.ts";
import { checkStoredValue } from "../store/stored-values.ts";
import { KnownHostsFileError } from "./errors.ts";

export interface KnownHost {
  /** "example.org:4064", "[::1]:4064". */
  hostPort: string;
  /** As node:tls reports it: upper-case hex pairs joined by ":". */
  fingerprint256: string;
  /** Base64 of the DER certificate, "" if unknown. */
  certificateBase64: string;
}

/** The key of a host and port in known_hosts; IPv6 literals are bracketed. */
export function hostPortKey(host: string, port: number): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** All entries; a missing file is an empty list. Malformed lines are skipped. */
export async function readKnownHosts(path: string): Promise<KnownHost[]> {
  return (await readLines(path)).map(parseLine).filter((entry) => entry !== undefined);
}

export async function findKnownHost(
  path: string,
  hostPort: string,
): Promise<KnownHost | undefined> {
  return (await readKnownHosts(path)).find((entry) => entry.hostPort === hostPort);
}

/** Adds or replaces the entry for `entry.hostPort`. */
export async function pinKnownHost(path: string, entry: KnownHost): Promise<void> {
  const line = formatLine(entry); // refused values fail before the file is touched
  await update(path, (lines) => [...withoutHost(lines, entry.hostPort), line]);
}

/** Removes the entry for `hostPort`; false if there was none. */
export async function forgetKnownHost(path: string, hostPort: string): Promise<boolean> {
  if (!(await findKnownHost(path, hostPort))) return false;
  let found = false;
  await update(path, (lines) => {
    const kept = withoutHost(lines, hostPort);
    found = kept.length !== lines.length;
    return kept;
  });
  return found;
}

function withoutHost(lines: string[], hostPort: string): string[] {
  return lines.filter((line) => parseLine(line)?.hostPort !== hostPort);
}

/** Read, change and write back under a lock: concurrent pins of different hosts all survive. */
async function update(path: string, change: (lines: string[]) => string[]): Promise<void> {
  try {
    makeDirectory(dirname(path));
    await withLockFile(`${path}.lock`, async () => {
      writeFileAtomic(path, change(await readLines(path)).map((line) => line + "\n").join(""));
    });
  } catch (error) {
    if (error instanceof KnownHostsFileError) throw error;
    throw new KnownHostsFileError(path, error);
  }
}

const FINGERPRINT = /^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/;

function parseLine(line: string): KnownHost | undefined {
  const [hostPort, fingerprint, certificateBase64 = ""] = line.trim().split(/\s+/);
  if (!hostPort || hostPort.startsWith("#") || !/:\d+$/.test(hostPort)) return undefined;
  if (!fingerprint || !FINGERPRINT.test(fingerprint.toUpperCase())) return undefined;
  return { hostPort, fingerprint256: fingerprint.toUpperCase(), certificateBase64 };
}

/** The line of `entry`; a field that would add or split lines or fields is refused. */
function formatLine(entry: KnownHost): string {
  const fields = [
    checkStoredValue(entry.hostPort, "known_hosts host", { noSpaces: true }),
    checkStoredValue(entry.fingerprint256, "known_hosts fingerprint", { noSpaces: true }),
    checkStoredValue(entry.certificateBase64, "known_hosts certificate", { noSpaces: true }),
  ];
  return fields.filter(Boolean).join(" ");
}

async function readLines(path: string): Promise<string[]> {
  try {
    return (await Deno.readTextFile(path)).split("\n").filter((line) => line.trim() !== "");
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw new KnownHostsFileError(path, error);
  }
}
