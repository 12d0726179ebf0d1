// The ssl transport (TLS wrapping the Ice byte stream, as IceSSL does) on node:tls, and the TLS
// trust policy shared with wss. node:tls is used rather than Deno.connectTls because only it lets
// us read the peer certificate (for pinning) and skip verification per connection.
import { Buffer } from "node:buffer";
import { isIP } from "node:net";
import tls from "node:tls";
import { connectWithin } from "./connect-deadline.ts";
import { CertificateMismatchError, IceError, TlsHandshakeError } from "./errors.ts";
import { findKnownHost, hostPortKey, pinKnownHost } from "./known-hosts.ts";
import { connectFailure, socketTransceiver } from "./socket-transceiver.ts";
import type { ConnectOptions, Transceiver, TrustPolicy } from "./transport.ts";
import type { IpEndpoint } from "./types.ts";

export async function connectSsl(
  endpoint: IpEndpoint,
  options: ConnectOptions,
): Promise<Transceiver> {
  const socket = await openTlsSocket(endpoint.host, endpoint.port, options);
  return socketTransceiver(socket, `ssl ${hostPortKey(endpoint.host, endpoint.port)}`);
}

/**
 * node:tls options for a connection to `host` under `trust`. Verification is never left to the
 * handshake (rejectUnauthorized is false) so that every policy can decide in `checkPeer` after
 * it, with the certificate in hand.
 */
export function tlsConnectOptions(host: string, trust: TrustPolicy | undefined) {
  return {
    rejectUnauthorized: false,
    servername: isIP(host) ? "" : host,
    ...(trust?.mode === "ca" ? { ca: [trust.caPem] } : {}),
  };
}

/** Opens TCP, does the TLS handshake and applies the trust policy, within `timeoutMs`. */
function openTlsSocket(
  host: string,
  port: number,
  options: ConnectOptions,
): Promise<tls.TLSSocket> {
  const hostPort = hostPortKey(host, port);
  return connectWithin<tls.TLSSocket>(`ssl ${hostPort}`, options, ({ resolve, fail }) => {
    const socket = tls.connect({ host, port, ...tlsConnectOptions(host, options.trust) });
    let handshakeDone = false;
    const onError = (error: Error) =>
      fail(
        handshakeDone || !isTlsFailure(error)
          ? connectFailure(`ssl ${hostPort}`, error)
          : handshakeFailure(hostPort, host, error),
      );
    socket.on("error", onError);
    socket.once("secureConnect", () => {
      handshakeDone = true;
      checkPeer(socket, host, port, options.trust).then(() => resolve(socket), fail);
    });
    return { detach: () => socket.off("error", onError), abandon: () => socket.destroy() };
  });
}

/** Applies the trust policy to an established TLS connection; rejects if it is not trusted. */
export async function checkPeer(
  socket: tls.TLSSocket,
  host: string,
  port: number,
  trust: TrustPolicy | undefined,
): Promise<void> {
  const hostPort = hostPortKey(host, port);
  if (!trust) throw new IceError(`no TLS trust policy given for ${hostPort}`);
  if (trust.mode === "insecure") return;
  if (trust.mode === "ca") {
    if (socket.authorized) return;
    throw new TlsHandshakeError(
      `the certificate of ${hostPort} is not signed by the given CA for that host name ` +
        `(${socket.authorizationError})`,
      "untrusted",
      host,
    );
  }
  // A certificate that chains to the system CAs for this host name needs no pin.
  if (socket.authorized) return;
  const certificate = socket.getPeerCertificate(true);
  if (!certificate?.fingerprint256 || !certificate.raw) {
    throw new TlsHandshakeError(`${hostPort} presented no certificate`, "untrusted", host);
  }
  const actual = certificate.fingerprint256.toUpperCase();
  const pinned = await findKnownHost(trust.knownHostsPath, hostPort);
  if (!pinned) {
    await pinKnownHost(trust.knownHostsPath, {
      hostPort,
      fingerprint256: actual,
      // Deno hands `raw` over as a plain Uint8Array, whose toString ignores the encoding.
      certificateBase64: Buffer.from(certificate.raw).toString("base64"),
    });
    trust.onPinned?.(hostPort, actual);
    return;
  }
  if (pinned.fingerprint256 === actual) return;
  throw new CertificateMismatchError(
    `the TLS certificate of ${hostPort} (SHA-256 ${actual}) does not match the one pinned in ` +
      `${trust.knownHostsPath} (SHA-256 ${pinned.fingerprint256}). If the server's certificate ` +
      `was changed on purpose, remove the line for ${hostPort} from that file; otherwise ` +
      `someone may be intercepting the connection.`,
    hostPort,
    pinned.fingerprint256,
    actual,
    trust.knownHostsPath,
  );
}

/** Errors raised by the TLS layer itself rather than by TCP. */
function isTlsFailure(error: Error): boolean {
  const code = (error as { code?: string }).code ?? "";
  return code.startsWith("ERR_SSL_") || code.startsWith("ERR_TLS_") ||
    /alert|handshake|corrupt message|certificate|before secure TLS connection/i.test(
      error.message,
    );
}

/**
 * Names the causes rustls reports: a server offering only anonymous Diffie-Hellman ciphers or TLS
 * below 1.2 (which rustls cannot use) answers with a handshake-failure or protocol-version alert,
 * or drops the connection; a plain tcp port answers with something that is not TLS.
 */
export function handshakeFailure(hostPort: string, host: string, cause: Error): TlsHandshakeError {
  const code = (cause as { code?: string }).code ?? "";
  const failed = `TLS handshake with ${hostPort} failed`;
  if (/HANDSHAKE_FAILURE|PROTOCOL_VERSION|INSUFFICIENT_SECURITY/.test(code)) {
    return new TlsHandshakeError(
      `${failed} (${cause.message}): the server offers only anonymous Diffie-Hellman ciphers ` +
        `or TLS versions below 1.2, which this client cannot use`,
      "legacy-only",
      host,
      { cause },
    );
  }
  if (/before secure TLS connection/i.test(cause.message)) {
    return new TlsHandshakeError(
      `${failed}: the server closed the connection during the handshake (as servers offering ` +
        `only anonymous Diffie-Hellman ciphers or TLS below 1.2 may do)`,
      "dropped",
      host,
      { cause },
    );
  }
  if (/WRONG_VERSION_NUMBER|InvalidContentType/i.test(code + cause.message)) {
    return new TlsHandshakeError(
      `${failed}: the server did not answer with TLS (is this a plain tcp port?)`,
      "not-tls",
      host,
      { cause },
    );
  }
  return new TlsHandshakeError(`${failed}: ${cause.message}`, "other", host, { cause });
}
