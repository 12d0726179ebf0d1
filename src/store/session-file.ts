// omero-py's `key=value` session file: no escaping, split at the first `=`, empty lines
// skipped, later duplicates win. Property order is kept because omero-py writes in insertion order.
import { checkStoredValue, InvalidStoredValueError } from "./stored-values.ts";

/** Session properties in file order. A Map, because object keys like "1" would be reordered. */
export type SessionProps = Map<string, string>;

/** The keys omero-py writes; anything else is somebody else's and is preserved on rewrite. */
export const KNOWN_KEYS = [
  "omero.group",
  "omero.host",
  "omero.user",
  "omero.port",
  "omero.timeout",
  "omero.sess",
  "omero.sudo",
] as const;

export function parseSessionFile(text: string): SessionProps {
  const props: SessionProps = new Map();
  // Python reads text with universal newlines, so files written on Windows parse the same.
  const lines = text.includes("\r") ? text.replace(/\r\n?/gu, "\n") : text;
  for (const line of lines.split("\n")) {
    if (line === "") continue;
    const equals = line.indexOf("=");
    if (equals < 0) props.set(line, "");
    else props.set(line.slice(0, equals), line.slice(equals + 1));
  }
  return props;
}

/**
 * One `key=value` line per property, each ending with `eol` (omero-py's `write_lines`). A key or
 * value that would add or split lines is refused (InvalidStoredValueError), whoever supplied it.
 */
export function serializeSessionFile(props: SessionProps, eol: string): string {
  let text = "";
  for (const [key, value] of props) {
    checkStoredValue(key, "session file key");
    if (key === "" || key.includes("=")) {
      throw new InvalidStoredValueError("session file key", key, "not a key=value key");
    }
    text += `${key}=${checkStoredValue(value, key)}${eol}`;
  }
  return text;
}

export interface LoginProps {
  group?: string;
  host: string;
  user: string;
  port?: string;
  /** Idle timeout in seconds (`-t`); omitted when absent or 0, as omero-py does. */
  timeout?: number;
}

/** The properties `login` stores, in omero-py's order (group, host, user, port, timeout). */
export function buildLoginProps({ group, host, user, port, timeout }: LoginProps): SessionProps {
  const props: SessionProps = new Map();
  if (group !== undefined) props.set("omero.group", group);
  props.set("omero.host", host);
  props.set("omero.user", user);
  if (port !== undefined) props.set("omero.port", port);
  if (timeout) props.set("omero.timeout", String(timeout));
  return props;
}
