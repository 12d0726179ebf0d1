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

/** How a TLS peer (ssl, wss) is trusted. */
export type TrustPolicy =
  /** No verification at all (`--insecure`), like omero-py. */
  | { mode: "insecure" }
  /** Only certificates that chain to this PEM bundle (`--ca-file`). */
  | { mode: "ca"; caPem: string }
  /**
   * A certificate that chains to the system CAs for the host name is trusted; otherwise its
   * SHA-256 fingerprint must match the one pinned for host:port in `knownHostsPath`, and an
   * unknown host:port is pinned on first use (`onPinned` is told, so the caller can say so).
   */
  | {
    mode: "pin";
    knownHostsPath: string;
    onPinned?: (hostPort: string, fingerprint256: string) => void;
  };

export interface ConnectOptions {
  /** Deadline for TCP connect plus TLS and WebSocket handshakes. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Required for ssl and wss. */
  trust?: TrustPolicy;
}

export type Connector = (endpoint: IpEndpoint, options: ConnectOptions) => Promise<Transceiver>;
