// Plain data shapes shared by the Ice codec, the connection and the transports.

export interface Identity {
  name: string;
  category: string;
}

export interface EncodingVersion {
  major: number;
  minor: number;
}

export const Encoding_1_0: EncodingVersion = { major: 1, minor: 0 };
export const Encoding_1_1: EncodingVersion = { major: 1, minor: 1 };

/** `Ice::OperationMode`; the byte a request carries must match the Slice declaration. */
export const OperationMode = { Normal: 0, Nonmutating: 1, Idempotent: 2 } as const;
export type OperationMode = typeof OperationMode[keyof typeof OperationMode];

export type IpTransport = "tcp" | "ssl" | "ws" | "wss";

/** Wire endpoint type numbers (`Ice::TCPEndpointType` …). */
export const EndpointType: Record<IpTransport, number> = { tcp: 1, ssl: 2, ws: 4, wss: 5 };

export interface IpEndpoint {
  kind: IpTransport;
  host: string;
  port: number;
  /** Milliseconds, -1 = infinite. */
  timeout: number;
  compress: boolean;
  /** HTTP resource for ws/wss ("/" when absent). */
  resource?: string;
}

/** An endpoint type we do not interpret; kept byte-exact so it can be sent back unchanged. */
/** "example.org:4064", "[::1]:4064": a host and port as messages and known_hosts name them. */
export function hostPortKey(host: string, port: number): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]:${port}` : `${host}:${port}`;
}

export interface OpaqueEndpoint {
  kind: "opaque";
  type: number;
  encoding: EncodingVersion;
  bytes: Uint8Array;
}

export type Endpoint = IpEndpoint | OpaqueEndpoint;

export interface Proxy {
  identity: Identity;
  /** "" is the default facet. */
  facet: string;
  /** 0 twoway, 1 oneway, 2 batch oneway, 3 datagram, 4 batch datagram. */
  mode: number;
  secure: boolean;
  /** Present only when read from (or to be written to) an encoding 1.1 stream. */
  protocol?: EncodingVersion;
  encoding?: EncodingVersion;
  /** Empty for an indirect proxy, which then has an adapter id. */
  endpoints: Endpoint[];
  adapterId: string;
}
