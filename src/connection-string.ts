// Connection strings `[USER@]SERVER[:PORT]` and the network target they name.
// Splitting follows omero-py exactly (the last `@` separates the user, `:PORT` is 1–5 digits at
// the end); interpreting the server (URL hosts, bracketed IPv6, port range) is stricter than
// omero-py so that a bad string is a usage error instead of a confusing connect failure.
import { UsageError } from "./errors.ts";
import type { IpTransport } from "./ice/types.ts";

/** The three parts of a connection string, as omero-py splits them. Nothing is validated. */
export interface ConnectionParts {
  user?: string;
  /** The server exactly as typed; this string is what the store keeps as `omero.host`. */
  server: string;
  /** Kept as a string, as omero-py does (`"04064"` and `"4064"` differ in the store). */
  port?: string;
}

/** Where to connect. */
export interface ServerTarget {
  /** Host name or IP address to connect to (IPv6 without brackets). */
  host: string;
  /** Explicit port (from the URL or `:PORT`/`-p`); absent means the transport's default. */
  port?: number;
  transport: IpTransport;
  /** HTTP resource for ws/wss, starting with `/`. */
  path?: string;
}

export interface ConnectionTarget extends ServerTarget {
  user?: string;
  /** The server string as typed (stored as `omero.host`, escaped as the store directory). */
  server: string;
}

const DEFAULT_PORTS: Record<IpTransport, number> = { tcp: 4063, ssl: 4064, ws: 80, wss: 443 };

const CONNECTION = /^(?:(.+)@)?(.*?)(?::(\d{1,5}))?$/su;
const URL_HOST = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(\[[^\]/]*\]|[^:/[\]]*)(?::(\d{1,5}))?(\/.*)?$/su;
const BRACKETED_IPV6 = /^\[([0-9A-Fa-f:.]+(?:%[\w.-]+)?)\]$/u;
const IPV6_HINT = "IPv6 addresses must be in brackets, e.g. [::1] or [::1]:4064";
// U+FFFD is what Deno makes of bytes in argv that are not UTF-8.
const BAD_HOST_CHARS = /[\s\p{Cc}\p{Cs}\uFFFD/@[\]:\\]/u;

/** The port a connection to `target` uses. */
export function effectivePort(target: ServerTarget): number {
  return target.port ?? DEFAULT_PORTS[target.transport];
}

/** The server a stored session lives on: its host (`omero.host`) and stored `omero.port`. */
export function storedServer(stored: { host: string; port?: string }): ServerTarget {
  return resolveServer(stored.host, stored.port);
}

/** Splits `[USER@]SERVER[:PORT]` exactly like omero-py. */
export function splitConnectionString(input: string): ConnectionParts {
  const match = CONNECTION.exec(input);
  // The pattern matches every string; the guard only satisfies the type checker.
  if (!match) return { server: input };
  const [, user, server, port] = match;
  return {
    ...(user !== undefined ? { user } : {}),
    server,
    ...(port !== undefined ? { port } : {}),
  };
}

/**
 * Interprets a server string plus an optional separately given port (`:PORT` or `-p`).
 * A plain host means ssl; `tcp|ssl|ws|wss://host[:port][/path]` choose the transport, and the
 * URL's own port wins over `port`. Throws UsageError for anything that cannot be connected to.
 */
export function resolveServer(server: string, port?: string): ServerTarget {
  const separatePort = port === undefined ? undefined : parsePort(port, server);
  const url = URL_HOST.exec(server);
  if (url) return resolveUrlHost(server, url, separatePort);
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//u.test(server)) {
    throw new UsageError(`bad server URL ${quoted(server)}: expected SCHEME://HOST[:PORT][/PATH]`);
  }
  return {
    host: checkHost(server, server),
    ...(separatePort !== undefined ? { port: separatePort } : {}),
    transport: "ssl",
  };
}

/** `splitConnectionString` followed by `resolveServer`. */
export function parseConnectionString(input: string): ConnectionTarget {
  const parts = splitConnectionString(input);
  // omero-py would split `::1` into server ":" and port 1; name the real mistake instead.
  const unsplit = parts.port === undefined ? parts.server : `${parts.server}:${parts.port}`;
  if (looksLikeBareIpv6(unsplit)) throw new UsageError(IPV6_HINT);
  return {
    ...(parts.user !== undefined ? { user: parts.user } : {}),
    server: parts.server,
    ...resolveServer(parts.server, parts.port),
  };
}

function resolveUrlHost(
  server: string,
  [, scheme, host, urlPort, path]: RegExpExecArray,
  separatePort: number | undefined,
): ServerTarget {
  const transport = scheme.toLowerCase();
  if (!isTransport(transport)) {
    throw new UsageError(
      `unsupported transport ${quoted(scheme)} in ${
        quoted(server)
      }: use tcp://, ssl://, ws:// or wss://`,
    );
  }
  if (path !== undefined && (transport === "tcp" || transport === "ssl")) {
    throw new UsageError(`a path is only allowed in ws:// and wss:// URLs: ${quoted(server)}`);
  }
  const explicit = urlPort !== undefined ? parsePort(urlPort, server) : separatePort;
  return {
    host: checkHost(host, server),
    ...(explicit !== undefined ? { port: explicit } : {}),
    transport,
    ...(path !== undefined ? { path } : {}),
  };
}

function looksLikeBareIpv6(text: string): boolean {
  return /^[0-9A-Fa-f:.]*$/u.test(text) && text.split(":").length > 2;
}

function isTransport(value: string): value is IpTransport {
  return value in DEFAULT_PORTS;
}

function parsePort(text: string, server: string): number {
  const port = /^\d{1,5}$/u.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    throw new UsageError(`bad port ${quoted(text)} for server ${quoted(server)}: expected 1-65535`);
  }
  return port;
}

/** Validates a host (brackets allowed only around IPv6) and returns it without brackets. */
function checkHost(host: string, server: string): string {
  if (host === "") throw new UsageError(`missing server name in ${quoted(server)}`);
  if (host.startsWith("[")) {
    const ipv6 = BRACKETED_IPV6.exec(host);
    if (!ipv6) throw new UsageError(`bad IPv6 address ${quoted(host)} in ${quoted(server)}`);
    return ipv6[1];
  }
  if (looksLikeBareIpv6(host)) throw new UsageError(IPV6_HINT);
  if (host.includes(":")) {
    throw new UsageError(`bad port in ${quoted(server)}: expected HOST:PORT with PORT 1-65535`);
  }
  if (BAD_HOST_CHARS.test(host)) {
    throw new UsageError(`bad server name ${quoted(host)} in ${quoted(server)}`);
  }
  return host;
}

/** A value in a message, quoted with control characters escaped so the message stays one line. */
function quoted(value: string): string {
  return JSON.stringify(value);
}
