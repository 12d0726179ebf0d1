// The known_hosts file: how each host:port's TLS certificate was trusted. One line per host:port:
//   HOST:PORT SHA256-FINGERPRINT BASE64-DER-CERTIFICATE         pinned on first use (self-signed)
//   HOST:PORT ca SHA256-FINGERPRINT BASE64-DER-CERTIFICATE [BASE64-DER-CA]   verified by a CA
// A pinned certificate must be presented again; a `ca` host must verify by a CA again, against
// the recorded CA when it came from `--ca-file` or SSL_CERT_FILE/SSL_CERT_DIR (none is recorded
// for the system store). The certificate is kept so that `trust list` can show subject and expiry.
// Lines we do not understand (comments, future fields) are kept verbatim when we rewrite the file.
import { dirname } from "node:path";
import { makeDirectory, writeFileAtomic } from "../fs/atomic-write.ts";
import { withLockFile } from "../fs/lock-file.ts";
import { checkStoredValue } from "../store/stored-values.ts";
import { KnownHostsFileError } from "./errors.ts";

export interface KnownHost {
  /** "example.org:4064", "[::1]:4064". */
  hostPort: string;
  /** `pin`: trusted on first use; `ca`: verified by a CA. */
  kind: "pin" | "ca";
  /** As node:tls reports it: upper-case hex pairs joined by ":". */
  fingerprint256: string;
  /** Base64 of the DER certificate, "" if unknown. */
  certificateBase64: string;
  /** `ca` only: base64 DER of the CA that verified it, "" for the system store. */
  caBase64: string;
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
export async function recordKnownHost(path: string, entry: KnownHost): Promise<void> {
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
const HOST_PORT = /^[^\s#]\S*:\d+$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function parseLine(line: string): KnownHost | undefined {
  const fields = line.trim().split(/\s+/);
  const [hostPort] = fields;
  if (!hostPort || !HOST_PORT.test(hostPort)) return undefined;
  const kind = fields[1] === "ca" ? "ca" : "pin";
  const [fingerprint, certificateBase64 = "", caBase64 = ""] = fields.slice(kind === "ca" ? 2 : 1);
  if (!fingerprint || !FINGERPRINT.test(fingerprint.toUpperCase())) return undefined;
  if (!BASE64.test(certificateBase64) || !BASE64.test(caBase64)) return undefined;
  return {
    hostPort,
    kind,
    fingerprint256: fingerprint.toUpperCase(),
    certificateBase64,
    caBase64: kind === "ca" ? caBase64 : "",
  };
}

/** The line of `entry`; a field that would add or split lines or fields is refused. */
function formatLine(entry: KnownHost): string {
  const check = (value: string, what: string) =>
    checkStoredValue(value, `known_hosts ${what}`, { noSpaces: true });
  const fields = [
    check(entry.hostPort, "host"),
    ...(entry.kind === "ca" ? ["ca"] : []),
    check(entry.fingerprint256, "fingerprint"),
    check(entry.certificateBase64, "certificate"),
    ...(entry.kind === "ca" ? [check(entry.caBase64, "CA certificate")] : []),
  ];
  // An empty certificate may only be left out at the end of the line.
  while (fields.at(-1) === "") fields.pop();
  return fields.join(" ");
}

async function readLines(path: string): Promise<string[]> {
  try {
    return (await Deno.readTextFile(path)).split("\n").filter((line) => line.trim() !== "");
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw new KnownHostsFileError(path, error);
  }
}
