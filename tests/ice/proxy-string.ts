// Stringified proxies, e.g. `OMERO.Glacier2/router:ssl -p 4064 -h example.org` or
// `OMERO.Glacier2/router:wss -p 443 -h example.org -r /omero-ws`:
//   identity [-f facet] [-e X.Y] [-p X.Y] [-t|-o|-O|-d|-D] [-s] (: endpoint)* | @ adapterId
// Endpoints: `tcp|ssl|ws|wss [-h host] [-p port] [-t ms|infinite] [-z] [-r resource]` and
// `opaque -t type -e X.Y -v base64`. Tokens may be quoted with '…' or "…".
// Only the tests and the Ice micro-benchmarks write proxies as strings; the client builds them.
import { IceError } from "../../src/ice/errors.ts";
import type {
  EncodingVersion,
  Endpoint,
  Identity,
  IpEndpoint,
  IpTransport,
  OpaqueEndpoint,
  Proxy,
} from "../../src/ice/types.ts";

/** A stringified proxy or endpoint that does not follow the Ice proxy syntax. */
export class ProxyParseError extends IceError {}

/** Ice's `Ice.Default.Timeout`, used when an endpoint has no `-t`. */
const DEFAULT_ENDPOINT_TIMEOUT_MS = 60000;

const MODE_FLAGS = ["-t", "-o", "-O", "-d", "-D"];
const IP_TRANSPORTS: readonly string[] = ["tcp", "ssl", "ws", "wss"];

export function parseProxy(text: string): Proxy {
  const [head, separator, rest] = splitAtFirstUnquoted(text, ":@");
  const tokens = tokenize(head);
  if (tokens.length === 0) throw new ProxyParseError(`no identity in proxy string "${text}"`);
  const proxy: Proxy = {
    identity: parseIdentity(tokens[0]),
    facet: "",
    mode: 0,
    secure: false,
    endpoints: [],
    adapterId: "",
  };
  for (const [option, value] of options(tokens.slice(1), ["-f", "-e", "-p"], text)) {
    if (option === "-f") proxy.facet = unescape(value);
    else if (option === "-e") proxy.encoding = parseVersion(value, text);
    else if (option === "-p") proxy.protocol = parseVersion(value, text);
    else if (option === "-s") proxy.secure = true;
    else if (MODE_FLAGS.includes(option)) proxy.mode = MODE_FLAGS.indexOf(option);
    else throw new ProxyParseError(`unknown proxy option ${option} in "${text}"`);
  }
  if (separator === "@") {
    const adapter = tokenize(rest);
    if (adapter.length !== 1) throw new ProxyParseError(`bad adapter id in "${text}"`);
    proxy.adapterId = adapter[0];
  } else if (separator === ":") {
    proxy.endpoints = splitAllUnquoted(rest, ":").map((part) => parseEndpoint(part, text));
  }
  return proxy;
}

/** A single endpoint such as `ssl -h example.org -p 4064`. */
export function parseEndpoint(text: string, context = text): Endpoint {
  const [transport, ...rest] = tokenize(text);
  if (transport === "opaque") return parseOpaqueEndpoint(rest, context);
  if (!transport || !IP_TRANSPORTS.includes(transport)) {
    throw new ProxyParseError(
      `unsupported endpoint transport "${transport ?? ""}" in "${context}"`,
    );
  }
  const endpoint: IpEndpoint = {
    kind: transport as IpTransport,
    host: "",
    port: 0,
    timeout: DEFAULT_ENDPOINT_TIMEOUT_MS,
    compress: false,
  };
  const withResource = transport === "ws" || transport === "wss";
  const valued = ["-h", "-p", "-t", "--sourceAddress", ...(withResource ? ["-r"] : [])];
  for (const [option, value] of options(rest, valued, context)) {
    if (option === "-h") endpoint.host = value;
    else if (option === "-p") endpoint.port = parseInteger(value, 0, 65535, "port", context);
    else if (option === "-t") {
      endpoint.timeout = value === "infinite"
        ? -1
        : parseInteger(value, -1, 0x7fffffff, "timeout", context);
    } else if (option === "-z") endpoint.compress = true;
    else if (option === "-r") endpoint.resource = value.startsWith("/") ? value : `/${value}`;
    else if (option !== "--sourceAddress") {
      throw new ProxyParseError(`unknown ${transport} endpoint option ${option} in "${context}"`);
    }
  }
  if (withResource && endpoint.resource === undefined) endpoint.resource = "/";
  return endpoint;
}

export function printProxy(proxy: Proxy): string {
  const parts = [quote(printIdentity(proxy.identity))];
  if (proxy.facet) parts.push("-f", quote(escape(proxy.facet, "")));
  if (proxy.mode !== 0) parts.push(MODE_FLAGS[proxy.mode] ?? "-t");
  if (proxy.secure) parts.push("-s");
  if (proxy.encoding) parts.push("-e", printVersion(proxy.encoding));
  if (proxy.protocol) parts.push("-p", printVersion(proxy.protocol));
  const head = parts.join(" ");
  if (proxy.endpoints.length === 0) {
    return proxy.adapterId ? `${head} @ ${quote(proxy.adapterId)}` : head;
  }
  return [head, ...proxy.endpoints.map(printEndpoint)].join(":");
}

function printEndpoint(endpoint: Endpoint): string {
  if (endpoint.kind === "opaque") {
    const base64 = btoa(String.fromCharCode(...endpoint.bytes));
    return `opaque -t ${endpoint.type} -e ${printVersion(endpoint.encoding)} -v ${base64}`;
  }
  const parts: string[] = [endpoint.kind];
  if (endpoint.host) parts.push("-h", quote(endpoint.host));
  parts.push("-p", String(endpoint.port));
  if (endpoint.timeout !== DEFAULT_ENDPOINT_TIMEOUT_MS) {
    parts.push("-t", endpoint.timeout === -1 ? "infinite" : String(endpoint.timeout));
  }
  if (endpoint.compress) parts.push("-z");
  if (endpoint.resource && endpoint.resource !== "/") parts.push("-r", quote(endpoint.resource));
  return parts.join(" ");
}

/** `category/name`, with `/` and `\` in either part escaped. */
function printIdentity(identity: Identity): string {
  const name = escape(identity.name, "/");
  return identity.category ? `${escape(identity.category, "/")}/${name}` : name;
}

function parseIdentity(text: string): Identity {
  let category: string | undefined;
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "\\") {
      const [unescaped, consumed] = unescapeAt(text, i + 1);
      current += unescaped;
      i += consumed;
    } else if (char === "/") {
      if (category !== undefined) throw new ProxyParseError(`identity "${text}" has two "/"`);
      category = current;
      current = "";
    } else {
      current += char;
    }
  }
  if (current === "") throw new ProxyParseError(`identity "${text}" has an empty name`);
  return { name: current, category: category ?? "" };
}

function parseOpaqueEndpoint(tokens: string[], context: string): OpaqueEndpoint {
  let type: number | undefined;
  let encoding: EncodingVersion = { major: 1, minor: 0 };
  let bytes: Uint8Array | undefined;
  for (const [option, value] of options(tokens, ["-t", "-e", "-v"], context)) {
    if (option === "-t") type = parseInteger(value, 0, 32767, "opaque type", context);
    else if (option === "-e") encoding = parseVersion(value, context);
    else if (option === "-v") {
      try {
        bytes = Uint8Array.from(atob(value), (char) => char.charCodeAt(0));
      } catch (error) {
        // atob's InvalidCharacterError.
        if (!(error instanceof DOMException)) throw error;
        throw new ProxyParseError(`bad base64 in opaque endpoint of "${context}"`);
      }
    } else throw new ProxyParseError(`unknown opaque endpoint option ${option} in "${context}"`);
  }
  if (type === undefined || bytes === undefined) {
    throw new ProxyParseError(`opaque endpoint needs -t and -v in "${context}"`);
  }
  return { kind: "opaque", type, encoding, bytes };
}

/** Pairs each option with its value (for options in `valued`) or "" (flags). */
function options(tokens: string[], valued: string[], context: string): [string, string][] {
  const result: [string, string][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const option = tokens[i];
    if (!option.startsWith("-")) {
      throw new ProxyParseError(`unexpected "${option}" in "${context}"`);
    }
    if (!valued.includes(option)) {
      result.push([option, ""]);
      continue;
    }
    const value = tokens[++i];
    if (value === undefined) throw new ProxyParseError(`${option} needs a value in "${context}"`);
    result.push([option, value]);
  }
  return result;
}

function parseVersion(text: string, context: string): EncodingVersion {
  const match = /^(\d+)\.(\d+)$/.exec(text);
  if (!match) throw new ProxyParseError(`bad version "${text}" in "${context}"`);
  return { major: Number(match[1]), minor: Number(match[2]) };
}

function printVersion(version: EncodingVersion): string {
  return `${version.major}.${version.minor}`;
}

function parseInteger(text: string, min: number, max: number, what: string, context: string) {
  const value = /^-?\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max)) {
    throw new ProxyParseError(`bad ${what} "${text}" in "${context}"`);
  }
  return value;
}

/** Splits at the first of `separators` outside quotes: [before, separator, after]. */
function splitAtFirstUnquoted(text: string, separators: string): [string, string, string] {
  let quoteChar = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "\\") i++;
    else if (quoteChar) {
      if (char === quoteChar) quoteChar = "";
    } else if (char === '"' || char === "'") quoteChar = char;
    else if (separators.includes(char)) return [text.slice(0, i), char, text.slice(i + 1)];
  }
  if (quoteChar) throw new ProxyParseError(`unterminated quote in "${text}"`);
  return [text, "", ""];
}

function splitAllUnquoted(text: string, separator: string): string[] {
  const parts: string[] = [];
  let rest = text;
  for (;;) {
    const [before, found, after] = splitAtFirstUnquoted(rest, separator);
    parts.push(before);
    if (!found) return parts;
    rest = after;
  }
}

/** Whitespace-separated tokens; quotes group and are removed, backslashes are kept. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let current: string | undefined;
  let quoteChar = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoteChar) {
      if (char === quoteChar) quoteChar = "";
      else current = (current ?? "") + char;
    } else if (char === '"' || char === "'") {
      quoteChar = char;
      current ??= "";
    } else if (/\s/.test(char)) {
      if (current !== undefined) tokens.push(current);
      current = undefined;
    } else {
      if (char === "\\" && i + 1 < text.length) current = (current ?? "") + char + text[++i];
      else current = (current ?? "") + char;
    }
  }
  if (quoteChar) throw new ProxyParseError(`unterminated quote in "${text}"`);
  if (current !== undefined) tokens.push(current);
  return tokens;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  b: "\b",
  f: "\f",
  v: "\v",
};

function unescape(text: string): string {
  let result = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "\\") {
      result += text[i];
      continue;
    }
    const [unescaped, consumed] = unescapeAt(text, i + 1);
    result += unescaped;
    i += consumed;
  }
  return result;
}

/** The character escaped at `text[at]` (after a backslash) and how many characters it used. */
function unescapeAt(text: string, at: number): [string, number] {
  const octal = /^[0-7]{1,3}/.exec(text.slice(at))?.[0];
  if (octal) return [String.fromCharCode(parseInt(octal, 8)), octal.length];
  const char = text[at];
  if (char === undefined) throw new ProxyParseError(`trailing backslash in "${text}"`);
  return [SIMPLE_ESCAPES[char] ?? char, 1];
}

function escape(text: string, special: string): string {
  let result = "";
  for (const char of text) {
    if (char === "\\" || special.includes(char)) result += `\\${char}`;
    else if (char < " " || char === "\x7f") {
      result += `\\${char.charCodeAt(0).toString(8).padStart(3, "0")}`;
    } else result += char;
  }
  return result;
}

/** Quotes a token that holds whitespace, a separator or a quote. */
function quote(token: string): string {
  if (token !== "" && !/[\s:@"']/.test(token)) return token;
  return token.includes('"') ? `'${token}'` : `"${token}"`;
}
