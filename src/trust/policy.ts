// The TLS trust policy (docs/tls-trust.md): which CAs a connection verifies against and whether
// to accept what the handshake showed. Trust sources, in order: the system store (the runtime's
// built-in roots), unless SSL_CERT_FILE / SSL_CERT_DIR, `--ca-file` or a CA recorded for the
// server name others (those are then used together, instead); then the certificate pinned for
// host:port on first use.
// A server verified by a CA once is recorded as such and must verify by a CA again: a self-signed
// certificate there is refused, never pinned. So is a CA-signed certificate for another name.
import { Buffer } from "node:buffer";
import type { TlsPeer, TlsPeerCheck, TlsTrust } from "../ice/transport.ts";
import { hostPortKey } from "../ice/types.ts";
import type { Env } from "../dirs.ts";
import { environmentCertificates, issuingCa, pemOf } from "./ca-sources.ts";
import { CertificateRefusedError } from "./errors.ts";
import { findKnownHost, type KnownHost, recordKnownHost } from "./known-hosts.ts";

export interface TrustSettings {
  /** `--insecure`: no verification, nothing read or written. */
  insecure: boolean;
  /** `-q`: the user asked for --insecure and for quiet; no warning then. */
  quiet?: boolean;
  /** `--ca-file`: its path and PEM certificates (at least one). */
  caFile?: { path: string; certificates: string[] };
  env: Env;
  platform: string;
  /** Where known_hosts is; asked only when a verifying TLS connection is made. */
  knownHostsPath: () => string;
  /** The name the user invoked, for the commands messages suggest. */
  programName: string;
  /** One line for stderr: the first-use notice, the --insecure warning. */
  notice: (line: string) => void;
}

export function trustPolicy(settings: TrustSettings): TlsTrust {
  let warned = false;
  let fromEnvironment: Promise<string[]> | undefined;
  return {
    forPeer(host, port) {
      if (settings.insecure) {
        if (!warned && !settings.quiet) settings.notice(INSECURE_WARNING);
        warned = true;
        return Promise.resolve({ verify: () => Promise.resolve() });
      }
      // Read once per command, and only for a connection that needs them.
      const environment = () =>
        fromEnvironment ??= environmentCertificates(settings.env, settings.platform);
      return peerCheck(settings, host, port, environment);
    },
  };
}

const INSECURE_WARNING = "warning: --insecure: TLS certificates are not verified (no CA, " +
  "host name or pinned-certificate check) and none is pinned";

async function peerCheck(
  settings: TrustSettings,
  host: string,
  port: number,
  fromEnvironment: () => Promise<string[]>,
): Promise<TlsPeerCheck> {
  const path = settings.knownHostsPath();
  const hostPort = hostPortKey(host, port);
  const known = await findKnownHost(path, hostPort);
  const recorded = known?.kind === "ca" && known.caBase64 ? [pemOf(known.caBase64)] : [];
  // A pinned server is judged by its pin (or the system store, or --ca-file if given): reading
  // SSL_CERT_* (often the whole system bundle, a few hundred certificates) for it would only cost
  // time on every connection, in the most common case (OMERO's self-signed certificates).
  const pinned = known?.kind === "pin" && !settings.caFile;
  const extra = [
    ...pinned ? [] : await fromEnvironment(),
    ...settings.caFile?.certificates ?? [],
    ...recorded,
  ];
  const server: Server = { host, hostPort, path, known, extra, settings };
  return {
    // node:tls's `ca` replaces the system store, as SSL_CERT_FILE does in OpenSSL. (Adding the
    // built-in roots back would need Deno's sys permission and costs tens of milliseconds.)
    ca: extra.length ? extra : undefined,
    verify: (peer) => judge(server, peer),
  };
}

interface Server {
  host: string;
  hostPort: string;
  /** known_hosts. */
  path: string;
  known: KnownHost | undefined;
  /** The CAs verified against instead of the system store (PEM); empty: the system store. */
  extra: string[];
  settings: TrustSettings;
}

async function judge(server: Server, peer: TlsPeer): Promise<void> {
  const { hostPort, known, settings } = server;
  const refuse = refusals(server, peer);
  const actual = peer.fingerprint256;
  if (!actual || peer.chain.length === 0) {
    throw refuse.untrusted(`${hostPort} presented no TLS certificate`);
  }
  if (peer.authorized) return recordCaVerified(server, peer, actual);
  if (peer.authorizationError === "ERR_TLS_CERT_ALTNAME_INVALID") throw refuse.nameMismatch();
  if (settings.caFile) {
    throw refuse.untrusted(
      `the TLS certificate of ${hostPort} (SHA-256 ${actual}) is not signed by the CAs in ` +
        `${settings.caFile.path} for that host name (${peer.authorizationError})`,
    );
  }
  if (known?.kind === "ca") throw refuse.downgrade();
  if (known?.kind === "pin") {
    if (known.fingerprint256 === actual) return;
    throw refuse.pinMismatch(known.fingerprint256);
  }
  await recordKnownHost(server.path, {
    hostPort,
    kind: "pin",
    fingerprint256: actual,
    certificateBase64: base64(peer.chain[0]),
    caBase64: "",
  });
  settings.notice(
    `Trusting the certificate of ${hostPort} on first use (SHA-256 ${actual}); ` +
      `pinned in ${server.path}`,
  );
}

/** Records (or updates) the server as CA-verified, with the CA when it was not a system one. */
async function recordCaVerified(server: Server, peer: TlsPeer, actual: string): Promise<void> {
  const caBase64 = issuingCa(server.extra, peer.chain) ?? "";
  const { known } = server;
  if (known?.kind === "ca" && known.fingerprint256 === actual && known.caBase64 === caBase64) {
    return;
  }
  await recordKnownHost(server.path, {
    hostPort: server.hostPort,
    kind: "ca",
    fingerprint256: actual,
    certificateBase64: base64(peer.chain[0]),
    caBase64,
  });
}

/** One message per refusal, naming the command that accepts the certificate on purpose. */
function refusals(server: Server, peer: TlsPeer) {
  const { hostPort, path, settings } = server;
  const actual = peer.fingerprint256;
  const certificate = `the TLS certificate of ${hostPort} (SHA-256 ${actual})`;
  const accept = `Compare the fingerprint with the one the server's administrator gives; to ` +
    `accept the certificate on purpose, run \`${settings.programName} trust forget ${hostPort}\` ` +
    `(the next connection pins it) or connect with --insecure.`;
  const refused = (reason: CertificateRefusedError["reason"], message: string) =>
    new CertificateRefusedError(message, reason, hostPort, actual);
  return {
    untrusted: (message: string) => refused("untrusted", message),
    nameMismatch: () =>
      refused(
        "name-mismatch",
        `${certificate} is signed by a trusted CA but for another host name than ${server.host}; ` +
          `refused (not pinned). Connect with a name the certificate is issued for, or with ` +
          `--insecure.`,
      ),
    downgrade: () =>
      refused(
        "downgrade",
        `${certificate} is not verified by any trusted CA (${peer.authorizationError}), but ` +
          `this server's certificate was verified by a CA before (${path}): this may be an ` +
          `interception. ${accept}`,
      ),
    pinMismatch: (expected: string) =>
      refused(
        "pin-mismatch",
        `${certificate} does not match the one pinned in ${path} (SHA-256 ${expected}): ` +
          `someone may be intercepting the connection. ${accept}`,
      ),
  };
}

function base64(der: Uint8Array): string {
  return Buffer.from(der).toString("base64");
}
