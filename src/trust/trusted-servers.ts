// What `trust list` shows of known_hosts: each server, how it is trusted, and the subject and
// expiry of its recorded certificate.
import { Buffer } from "node:buffer";
import { X509Certificate } from "node:crypto";
import { type KnownHost, readKnownHosts } from "./known-hosts.ts";

export interface TrustedServer {
  hostPort: string;
  /** `ca`: verified by a CA (and must be again); `pin`: this certificate, pinned on first use. */
  trust: "ca" | "pin";
  fingerprint256: string;
  /** Subject and expiry of the stored certificate; null if it is not stored or unreadable. */
  subject: string | null;
  validTo: string | null;
  /** `ca` servers verified by a CA of `--ca-file` or SSL_CERT_FILE/DIR: that CA's subject. */
  caSubject: string | null;
}

export async function trustedServers(knownHostsPath: string): Promise<TrustedServer[]> {
  return (await readKnownHosts(knownHostsPath)).map(describe);
}

function describe(entry: KnownHost): TrustedServer {
  const certificate = parsed(entry.certificateBase64);
  return {
    hostPort: entry.hostPort,
    trust: entry.kind,
    fingerprint256: entry.fingerprint256,
    subject: certificate ? oneLine(certificate.subject) : null,
    validTo: certificate ? new Date(certificate.validTo).toISOString() : null,
    caSubject: entry.caBase64 ? oneLine(parsed(entry.caBase64)?.subject ?? "") || null : null,
  };
}

function parsed(base64: string): X509Certificate | undefined {
  if (!base64) return undefined;
  try {
    return new X509Certificate(Buffer.from(base64, "base64"));
  } catch {
    return undefined;
  }
}

function oneLine(subject: string): string {
  return subject.split("\n").join(", ");
}
