// The known_hosts file: the pinned TLS certificate of every host:port we trusted on first use.
// One line per host:port: `HOST:PORT SHA256-FINGERPRINT BASE64-DER-CERTIFICATE`. The certificate
// is kept so that `trust list` can show subject and expiry; only the fingerprint is compared.
// Lines we do not understand (comments, future fields) are kept verbatim when we rewrite the file.
import { dirname, join } from "node:path";
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
  const lines = (await readLines(path)).filter((line) =>
    parseLine(line)?.hostPort !== entry.hostPort
  );
  lines.push(formatLine(entry));
  await writeOrExplain(path, lines);
}

/** Removes the entry for `hostPort`; false if there was none. */
export async function forgetKnownHost(path: string, hostPort: string): Promise<boolean> {
  const lines = await readLines(path);
  const kept = lines.filter((line) => parseLine(line)?.hostPort !== hostPort);
  if (kept.length === lines.length) return false;
  await writeOrExplain(path, kept);
  return true;
}

const FINGERPRINT = /^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/;

function parseLine(line: string): KnownHost | undefined {
  const [hostPort, fingerprint, certificateBase64 = ""] = line.trim().split(/\s+/);
  if (!hostPort || hostPort.startsWith("#") || !/:\d+$/.test(hostPort)) return undefined;
  if (!fingerprint || !FINGERPRINT.test(fingerprint.toUpperCase())) return undefined;
  return { hostPort, fingerprint256: fingerprint.toUpperCase(), certificateBase64 };
}

function formatLine(entry: KnownHost): string {
  return [entry.hostPort, entry.fingerprint256, entry.certificateBase64].filter(Boolean).join(" ");
}

async function readLines(path: string): Promise<string[]> {
  try {
    return (await Deno.readTextFile(path)).split("\n").filter((line) => line.trim() !== "");
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw new KnownHostsFileError(path, error);
  }
}

async function writeOrExplain(path: string, lines: string[]): Promise<void> {
  try {
    await writeAtomically(path, lines);
  } catch (error) {
    throw new KnownHostsFileError(path, error);
  }
}

/** Temporary file in the same directory, 0600 from creation, fsync, rename: readers never see
 * a half-written file. */
async function writeAtomically(path: string, lines: string[]): Promise<void> {
  const dir = dirname(path);
  await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
  const temporary = join(dir, `.known_hosts.${Deno.pid}.${crypto.randomUUID()}.tmp`);
  const file = await Deno.open(temporary, { write: true, createNew: true, mode: 0o600 });
  try {
    const bytes = new TextEncoder().encode(lines.map((line) => line + "\n").join(""));
    for (let written = 0; written < bytes.length;) {
      written += await file.write(bytes.subarray(written));
    }
    await file.sync();
  } finally {
    file.close();
  }
  try {
    await Deno.rename(temporary, path);
  } catch (error) {
    await Deno.remove(temporary).catch(() => {});
    throw error;
  }
}
