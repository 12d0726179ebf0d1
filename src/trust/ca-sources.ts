// The CA certificates a connection verifies against instead of the runtime's built-in roots:
// OpenSSL's SSL_CERT_FILE (a PEM bundle) and SSL_CERT_DIR (directories of certificates named by
// `openssl rehash`), `--ca-file`, and a CA recorded in known_hosts. Read here because node:tls
// under Deno ignores OpenSSL's variables.
import { Buffer } from "node:buffer";
import { X509Certificate } from "node:crypto";
import { join } from "node:path";
import type { Env } from "../dirs.ts";
import { TrustSourceError } from "./errors.ts";

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----/g;
/** OpenSSL looks certificates up in SSL_CERT_DIR by subject hash: `3387b84d.0`. */
const HASHED_NAME = /^[0-9a-f]{8}\.\d+$/;

/** The PEM certificates in `text`, in order. */
export function pemCertificates(text: string): string[] {
  return [...text.matchAll(PEM_CERTIFICATE)].map((match) => `${match[0]}\n`);
}

/**
 * SSL_CERT_FILE's and SSL_CERT_DIR's certificates, each once (a system bundle and its hashed
 * directory hold the same ones); empty when neither is set.
 */
export async function environmentCertificates(env: Env, platform: string): Promise<string[]> {
  const certificates: string[] = [];
  if (env.SSL_CERT_FILE) {
    certificates.push(...pemCertificates(await readSource("SSL_CERT_FILE", env.SSL_CERT_FILE)));
  }
  const separator = platform === "windows" ? ";" : ":";
  for (const dir of (env.SSL_CERT_DIR ?? "").split(separator).filter(Boolean)) {
    certificates.push(...await directoryCertificates(dir));
  }
  const unique = new Map(certificates.map((pem) => [pem.replace(/\s/g, ""), pem]));
  return [...unique.values()];
}

/** A directory that does not exist is skipped, as OpenSSL does; an unreadable one is an error. */
async function directoryCertificates(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = (await Array.fromAsync(Deno.readDir(dir))).map((entry) => entry.name);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw new TrustSourceError(`cannot read SSL_CERT_DIR directory ${dir}: ${reason(error)}`);
  }
  const files = names.filter((name) => HASHED_NAME.test(name)).sort();
  const texts = await Promise.all(
    files.map((name) => readSource("SSL_CERT_DIR", join(dir, name))),
  );
  return texts.flatMap(pemCertificates);
}

async function readSource(variable: string, path: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    throw new TrustSourceError(`cannot read ${variable} file ${path}: ${reason(error)}`);
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message.replace(/: \w+ '.*$/su, "") : String(error);
}

/**
 * Of `cas` (PEM), the one that signed a certificate of `chain` (DER, the peer's first), as base64
 * DER: the CA to record for a server that it verified. Undefined if none did (a system CA).
 */
export function issuingCa(cas: string[], chain: Uint8Array[]): string | undefined {
  const presented = chain.flatMap((der) => parsed(der));
  for (const pem of cas) {
    // Any certificate given as a CA counts, also a self-signed server certificate.
    for (const ca of parsed(pem)) {
      const signed = (certificate: X509Certificate) =>
        certificate.checkIssued(ca) && certificate.verify(ca.publicKey);
      if (presented.some(signed)) return ca.raw.toString("base64");
    }
  }
  return undefined;
}

/** A recorded CA (base64 DER) as PEM, for node:tls's `ca`. */
export function pemOf(base64: string): string {
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

function parsed(certificate: string | Uint8Array): X509Certificate[] {
  try {
    return [
      new X509Certificate(typeof certificate === "string" ? certificate : Buffer.from(certificate)),
    ];
  } catch {
    return [];
  }
}
