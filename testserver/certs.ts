/**
 * TLS certificates made with `openssl`: self-signed ones as OMERO servers use them, and a test CA
 * with server certificates it signs, for chosen host names.
 */
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
export function makeCertificate(
  dir: string,
  options: { kind: CertificateKind; hosts?: string[] },
): Promise<Certificate> {
  const hosts = options.hosts ?? DEFAULT_HOSTS;
  return selfSigned(
    dir,
    options.kind,
    `/CN=${hosts[0] ?? "localhost"}/O=omero-sessions test server`,
    options.kind === "ca"
      ? [
        "basicConstraints=critical,CA:TRUE",
        "keyUsage=critical,keyCertSign,cRLSign,digitalSignature",
      ]
      : serverExtensions(hosts),
  );
}

/** A certificate authority (`ca-authority.pem`, `.key` in `dir`) to sign server certificates. */
export function makeCertificateAuthority(dir: string): Promise<Certificate> {
  return selfSigned(dir, "ca-authority", "/CN=omero-sessions test CA", [
    "basicConstraints=critical,CA:TRUE",
    "keyUsage=critical,keyCertSign,cRLSign",
  ]);
}

/** `<name>.pem` and `<name>.key` in `dir`: a self-signed certificate with these extensions. */
async function selfSigned(
  dir: string,
  name: string,
  subject: string,
  extensions: string[],
): Promise<Certificate> {
  const certPath = join(dir, `${name}.pem`);
  const keyPath = join(dir, `${name}.key`);
  await openssl([
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-sha256",
    "-days",
    "365",
    "-subj",
    subject,
    "-keyout",
    keyPath,
    "-out",
    certPath,
    ...extensions.flatMap((extension) => ["-addext", extension]),
  ]);
  return await certificateAt(certPath, keyPath);
}

/** What a server certificate carries: not a CA, for TLS servers, these host names. */
function serverExtensions(hosts: string[]): string[] {
  return [
    "basicConstraints=critical,CA:FALSE",
    "keyUsage=critical,digitalSignature,keyEncipherment",
    "extendedKeyUsage=serverAuth",
    `subjectAltName=${hosts.map(subjectAltName).join(",")}`,
  ];
}

/** A CA:FALSE server certificate for `hosts` signed by `ca`: `<name>.pem`, `<name>.key`. */
export async function issueCertificate(
  ca: Certificate,
  dir: string,
  options: { name: string; hosts: string[] },
): Promise<Certificate> {
  const certPath = join(dir, `${options.name}.pem`);
  const keyPath = join(dir, `${options.name}.key`);
  const requestPath = join(dir, `${options.name}.csr`);
  const extensionsPath = join(dir, `${options.name}.ext`);
  await openssl([
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-sha256",
    "-subj",
    `/CN=${options.hosts[0]}/O=omero-sessions test server`,
    "-keyout",
    keyPath,
    "-out",
    requestPath,
  ]);
  await Deno.writeTextFile(extensionsPath, serverExtensions(options.hosts).join("\n") + "\n");
  await openssl([
    "x509",
    "-req",
    "-in",
    requestPath,
    "-CA",
    ca.certPath,
    "-CAkey",
    ca.keyPath,
    "-set_serial",
    String(Date.now()),
    "-days",
    "365",
    "-sha256",
    "-extfile",
    extensionsPath,
    "-out",
    certPath,
  ]);
  return await certificateAt(certPath, keyPath);
}

async function openssl(args: string[]): Promise<void> {
  const result = await new Deno.Command("openssl", { args, stdout: "null", stderr: "piped" })
    .output();
  if (!result.success) {
    throw new Error(`openssl failed: ${new TextDecoder().decode(result.stderr).trim()}`);
  }
}

async function certificateAt(certPath: string, keyPath: string): Promise<Certificate> {
  const pem = await Deno.readTextFile(certPath);
  return { certPath, keyPath, pem, fingerprint256: new X509Certificate(pem).fingerprint256 };
}

function subjectAltName(host: string): string {
  return /^[\d.]+$/.test(host) || host.includes(":") ? `IP:${host}` : `DNS:${host}`;
}
