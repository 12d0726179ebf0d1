/** Self-signed TLS certificates made with `openssl`, as OMERO servers use them. */
import { X509Certificate } from "node:crypto";
import { join } from "node:path";

export type CertificateKind = "ca" | "leaf";

export interface Certificate {
  certPath: string;
  keyPath: string;
  pem: string;
  /** SHA-256 fingerprint as node:tls reports it: `AB:CD:…`. */
  fingerprint256: string;
}

const DEFAULT_HOSTS = ["localhost", "127.0.0.1", "::1"];

/**
 * Writes `<kind>.pem` and `<kind>.key` into `dir`.
 * "ca": self-signed with basicConstraints CA:TRUE, as omero-certificates makes them.
 * "leaf": self-signed CA:FALSE with a subjectAltName for `hosts`.
 */
export async function makeCertificate(
  dir: string,
  options: { kind: CertificateKind; hosts?: string[] },
): Promise<Certificate> {
  const hosts = options.hosts ?? DEFAULT_HOSTS;
  const certPath = join(dir, `${options.kind}.pem`);
  const keyPath = join(dir, `${options.kind}.key`);
  const extensions = options.kind === "ca"
    ? [
      "basicConstraints=critical,CA:TRUE",
      "keyUsage=critical,keyCertSign,cRLSign,digitalSignature",
    ]
    : [
      "basicConstraints=critical,CA:FALSE",
      "keyUsage=critical,digitalSignature,keyEncipherment",
      "extendedKeyUsage=serverAuth",
      `subjectAltName=${hosts.map(subjectAltName).join(",")}`,
    ];
  const args = [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-sha256",
    "-days",
    "365",
    "-subj",
    `/CN=${hosts[0] ?? "localhost"}/O=omero-sessions test server`,
    "-keyout",
    keyPath,
    "-out",
    certPath,
    ...extensions.flatMap((extension) => ["-addext", extension]),
  ];
  const result = await new Deno.Command("openssl", { args, stdout: "null", stderr: "piped" })
    .output();
  if (!result.success) {
    throw new Error(`openssl failed: ${new TextDecoder().decode(result.stderr).trim()}`);
  }
  const pem = await Deno.readTextFile(certPath);
  return { certPath, keyPath, pem, fingerprint256: new X509Certificate(pem).fingerprint256 };
}

function subjectAltName(host: string): string {
  return /^[\d.]+$/.test(host) || host.includes(":") ? `IP:${host}` : `DNS:${host}`;
}
