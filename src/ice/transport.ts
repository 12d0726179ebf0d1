// The seam between the Ice connection (framing, requests) and the byte transports
// (tcp, ssl, ws, wss). A transceiver moves bytes; it knows nothing about Ice messages.
import type { IpEndpoint } from "./types.ts";

export interface Transceiver {
  /** Sends bytes in order; rejects if the transport has failed. */
  write(data: Uint8Array): Promise<void>;
  /** The next chunk of received bytes, or null at end of stream; rejects on a transport error. */
  read(): Promise<Uint8Array | null>;
  /** Closes the transport; pending and later reads resolve null. Idempotent. */
  close(): void;
  /** The peer for messages, e.g. "ssl 127.0.0.1:4064". */
  readonly description: string;
}

/**
 * How a TLS peer (ssl, wss) is trusted: the caller decides (see src/trust/); the transport only
 * asks which CAs to verify against, does the handshake and hands over what it saw.
 */
export interface TlsTrust {
  /** Called before connecting to `host`:`port`. */
  forPeer(host: string, port: number): Promise<TlsPeerCheck>;
}

export interface TlsPeerCheck {
  /** PEM certificates of the CAs to verify against; absent: the runtime's default roots. */
  ca?: string[];
  /** Judges the peer once the handshake is done; rejects to refuse the connection. */
  verify(peer: TlsPeer): Promise<void>;
}

/** What the handshake showed about the peer, as node:tls reports it. */
export interface TlsPeer {
  host: string;
  port: number;
  /** Whether the chain verified against the CAs for the host name. */
  authorized: boolean;
  /** node:tls's reason when not authorized, e.g. `ERR_TLS_CERT_ALTNAME_INVALID`. */
  authorizationError?: string;
  /** DER certificates, the peer's own first, then its issuers as far as known; empty if none. */
  chain: Uint8Array[];
  /** SHA-256 of `chain[0]`, upper-case hex pairs joined by ":". */
  fingerprint256?: string;
}

export interface ConnectOptions {
  /** Deadline for TCP connect plus TLS and WebSocket handshakes. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Required for ssl and wss. */
  trust?: TlsTrust;
}

export type Connector = (endpoint: IpEndpoint, options: ConnectOptions) => Promise<Transceiver>;
