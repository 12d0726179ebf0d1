// The ssl transport (TLS wrapping the Ice byte stream, as IceSSL does) on node:tls, and the TLS
// handshake shared with wss. node:tls is used rather than Deno.connectTls because only it lets us
// read the peer certificate and skip verification per connection. Whom to trust is not decided
// here: the caller's TlsTrust (src/trust/) names the CAs and judges what the handshake showed.
import { isIP } from "node:net";
import tls from "node:tls";
import { connectWithin } from "./connect-deadline.ts";
import { IceError, TlsHandshakeError } from "./errors.ts";
import { connectFailure, socketTransceiver } from "./socket-transceiver.ts";
import type { ConnectOptions, TlsPeer, TlsPeerCheck, TlsTrust, Transceiver } from "./transport.ts";
import { hostPortKey, type IpEndpoint } from "./types.ts";

export async function connectSsl(
  endpoint: IpEndpoint,
  options: ConnectOptions,
): Promise<Transceiver> {
  const check = await peerCheck(endpoint, options.trust);
  const socket = await openTlsSocket(endpoint.host, endpoint.port, check, options);
  return socketTransceiver(socket, `ssl ${hostPortKey(endpoint.host, endpoint.port)}`);
}

/** The caller's check for this peer; ssl and wss cannot go without one. */
export function peerCheck(
  endpoint: IpEndpoint,
  trust: TlsTrust | undefined,
): Promise<TlsPeerCheck> {
  if (!trust) {
    const hostPort = hostPortKey(endpoint.host, endpoint.port);
    throw new IceError(`no TLS trust policy given for ${hostPort}`);
  }
  return trust.forPeer(endpoint.host, endpoint.port);
}

/**
 * node:tls options for a connection to `host`. Verification is never left to the handshake
 * (rejectUnauthorized is false) so that the check decides after it, with the certificate and
 * node:tls's verdict in hand.
 */
export function tlsConnectOptions(host: string, check: TlsPeerCheck) {
  return {
    rejectUnauthorized: false,
    servername: isIP(host) ? "" : host,
    ...(check.ca ? { ca: check.ca } : {}),
  };
}

/** Opens TCP, does the TLS handshake and applies the check, within `timeoutMs`. */
function openTlsSocket(
  host: string,
  port: number,
  check: TlsPeerCheck,
  options: ConnectOptions,
): Promise<tls.TLSSocket> {
  const hostPort = hostPortKey(host, port);
  return connectWithin<tls.TLSSocket>(`ssl ${hostPort}`, options, ({ resolve, fail }) => {
    const socket = tls.connect({ host, port, ...tlsConnectOptions(host, check) });
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
      check.verify(peerOf(socket, host, port)).then(() => resolve(socket), fail);
    });
    return { detach: () => socket.off("error", onError), abandon: () => socket.destroy() };
  });
}

/** What an established TLS connection shows about its peer. */
export function peerOf(socket: tls.TLSSocket, host: string, port: number): TlsPeer {
  const chain: Uint8Array[] = [];
  const seen = new Set<string>();
  // A self-signed certificate is its own issuer; node:tls then links it to itself.
  for (
    let certificate: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
    certificate?.raw && !seen.has(certificate.fingerprint256);
    certificate = certificate.issuerCertificate
  ) {
    seen.add(certificate.fingerprint256);
    chain.push(new Uint8Array(certificate.raw));
  }
  const first = socket.getPeerCertificate();
  return {
    host,
    port,
    authorized: socket.authorized,
    authorizationError: socket.authorizationError ? String(socket.authorizationError) : undefined,
    chain,
    fingerprint256: first?.fingerprint256 ? first.fingerprint256.toUpperCase() : undefined,
  };
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
