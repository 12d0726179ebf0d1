// The omero-py session store with our improvements: atomic writes,
// owner-only permissions from creation, corrupt files reported and skipped (never deleted),
// URL hosts escaped in every operation. Reading never creates anything, so `key`, `file` and
// `list --offline` work on a read-only store.
import { nativePath } from "../fs/path.ts";
import { DIR_MODE, makeDirectory, writeFileAtomic } from "../fs/atomic-write.ts";
import { isOsError } from "../fs/os-error.ts";
import { escapeHost, unescapeHost } from "./host-escape.ts";
import {
  CorruptFileError,
  describeOsError,
  SessionNotFoundError,
  StoreError,
} from "./store-errors.ts";
import { KNOWN_KEYS, parseSessionFile, serializeSessionFile } from "./session-file.ts";
import {
  checkPathSegment,
  checkSessionNames,
  checkStoredValue,
  isPathSegment,
  isStorableValue,
} from "./stored-values.ts";
import type { SessionProps } from "./session-file.ts";

const { join } = nativePath;

/** The Glacier2 port omero-py assumes wherever no port is stored. */
export const DEFAULT_PORT = "4064";

const LAST_HOST = "._LASTHOST_";
const LAST_PORT = "._LASTPORT_";
const LAST_USER = "._LASTUSER_";
const LAST_SESS = "._LASTSESS_";

/** Session files are a few hundred bytes; anything far larger is not one. */
const MAX_FILE_BYTES = 64 * 1024;

/** A readable session file, with the fields every command uses already picked out. */
export interface StoredSession {
  /** Unescaped host (the store directory), as stored in `omero.host` and typed at login. */
  host: string;
  user: string;
  uuid: string;
  /** `omero.port` exactly as stored (a string: "04064" and "4064" differ); absent if none. */
  port?: string;
  /** `omero.group`: the group asked for at login, if any. */
  group?: string;
  path: string;
  /** Every property of the file, in file order (unknown keys included). */
  props: SessionProps;
}

/** A stored property that differs from the wanted one (`conflicts`); absent values undefined. */
export interface Conflict {
  key: "omero.port" | "omero.group";
  stored?: string;
  wanted?: string;
}

/** The "current session" markers; `port` falls back to 4064 like omero-py's `last_port`. */
export interface CurrentSession {
  host?: string;
  user?: string;
  uuid?: string;
  port: string;
}

export interface ConflictOptions {
  /** An absent new value matches anything (the "Using" path of login). */
  ignoreNulls?: boolean;
  /** Compare `omero.group` too (default true). */
  checkGroup?: boolean;
  /** Whether two `omero.port` values name the same port; default omero-py's (absent = "4064"). */
  samePort?: (stored: string | undefined, wanted: string | undefined) => boolean;
}

export interface SessionStoreOptions {
  /** Receives one-line warnings (corrupt files, loose permissions), each reported once. */
  warn?: (line: string) => void;
  /** Line separator of session files: the platform's, as omero-py's `write_lines`. */
  eol?: string;
}

const permissionWarned = new Set<string>();

export class SessionStore {
  readonly #warn: (line: string) => void;
  readonly #eol: string;
  readonly #reported = new Set<string>();

  constructor(readonly dir: string, options: SessionStoreOptions = {}) {
    this.#warn = options.warn ?? (() => {});
    this.#eol = options.eol ?? (Deno.build.os === "windows" ? "\r\n" : "\n");
    this.#checkPermissions();
  }

  /** `<dir>/<escaped host>/<user>/<uuid>`; the path `sessions file` prints. */
  sessionPath(host: string, user: string, uuid: string): string {
    return join(this.#userDir(host, user), checkPathSegment(uuid, "session key"));
  }

  /**
   * Stores a session (omero-py's `add`): `omero.host`, `omero.user`, `omero.sess` (and
   * `omero.sudo`) are set in `props` in place, keeping omero-py's key order. Keys we do not know
   * that an existing file for this session holds are kept. Returns the file's path.
   */
  add(host: string, user: string, uuid: string, props: SessionProps, sudo?: string): string {
    checkSessionNames(host, user, uuid);
    const path = this.sessionPath(host, user, uuid);
    const merged: SessionProps = new Map(props);
    merged.set("omero.host", host).set("omero.user", user).set("omero.sess", uuid);
    if (sudo !== undefined) merged.set("omero.sudo", sudo);
    for (const [key, value] of this.#readPreserved(path)) {
      if (!merged.has(key)) merged.set(key, value);
    }
    this.#write(path, serializeSessionFile(merged, this.#eol));
    return path;
  }

  /**
   * Deletes the session file and the user's `._LASTSESS_` if it names this session. True when
   * this call deleted the file: when several processes remove it at once, exactly one is.
   */
  remove(host: string, user: string, uuid: string | undefined): boolean {
    if (uuid === undefined) return false;
    const path = this.sessionPath(host, user, uuid);
    const removed = removeIfPresent(path);
    const marker = join(this.#userDir(host, user), LAST_SESS);
    if (this.#readMarker(marker) === uuid) removeIfPresent(marker);
    return removed;
  }

  /** Whether anything is stored for this session: a file, or something unreadable (kept). */
  exists(host: string, user: string, uuid: string): boolean {
    return isPresent(this.sessionPath(host, user, uuid));
  }

  /**
   * The stored session; throws SessionNotFoundError when there is none, CorruptFileError (not
   * reported: the caller says it) when its file cannot be read.
   */
  get(host: string, user: string, uuid: string): StoredSession {
    const path = this.sessionPath(host, user, uuid);
    const props = readSessionFile(path, uuid);
    if (!props) throw new SessionNotFoundError(path);
    return storedSession({ host, user, uuid, path }, props);
  }

  /**
   * Stored session keys for host and user, most recently written first. Entries that are not
   * regular files (a directory, a symbolic link) are listed too, so that reading them reports
   * them.
   */
  available(host: string, user: string): string[] {
    const dir = this.#userDir(host, user);
    return listEntries(dir)
      .filter((entry) => !entry.name.startsWith("."))
      .map((entry) => ({ name: entry.name, mtime: mtimeOf(join(dir, entry.name)) }))
      .sort((a, b) => b.mtime - a.mtime || compare(a.name, b.name))
      .map((entry) => entry.name);
  }

  /**
   * omero-py's conflict check: `omero.port` then `omero.group` of the stored file against
   * `wanted` (ports compared with `samePort`). Empty when there is no conflict.
   */
  conflicts(
    host: string,
    user: string,
    uuid: string,
    wanted: SessionProps,
    { ignoreNulls = false, checkGroup = true, samePort = omeroPySamePort }: ConflictOptions = {},
  ): Conflict[] {
    const stored = this.get(host, user, uuid);
    const keys: Conflict["key"][] = checkGroup ? ["omero.port", "omero.group"] : ["omero.port"];
    const found: Conflict[] = [];
    for (const key of keys) {
      const oldValue = stored.props.get(key);
      const newValue = wanted.get(key);
      if (ignoreNulls && newValue === undefined) continue;
      if (key === "omero.port" ? samePort(oldValue, newValue) : oldValue === newValue) continue;
      found.push({ key, stored: oldValue, wanted: newValue });
    }
    return found;
  }

  /** The user directory under `host` that holds session `uuid`, if any. */
  findNameByKey(host: string, uuid: string): string | undefined {
    const hostDir = join(this.dir, escapeHost(host));
    const names = listEntries(hostDir)
      .filter((entry) => entry.isDirectory && isFile(join(hostDir, entry.name, uuid)))
      .map((entry) => entry.name)
      .sort(compare);
    if (names.length > 1) {
      throw new StoreError(`Multiple names found for uuid=${uuid}: ${names.join(", ")}`);
    }
    return names[0];
  }

  getCurrent(): CurrentSession {
    const current: CurrentSession = { port: this.lastPort() };
    const host = this.#readMarker(join(this.dir, LAST_HOST));
    if (!host) return current;
    current.host = host;
    const user = this.#readMarker(join(this.dir, escapeHost(host), LAST_USER), "user name");
    if (!user) return current;
    current.user = user;
    const uuid = this.#readMarker(join(this.#userDir(host, user), LAST_SESS), "session key");
    if (uuid) current.uuid = uuid;
    return current;
  }

  /**
   * Marks a session current. Markers are written deepest first, so a concurrent reader that
   * follows `._LASTHOST_` down never reaches a marker that is not written yet.
   */
  setCurrent(host: string, user: string, uuid: string, port: string = DEFAULT_PORT): void {
    checkSessionNames(host, user, uuid);
    checkStoredValue(port, "port");
    const userDir = this.#userDir(host, user);
    checkPathSegment(uuid, "session key");
    this.#write(join(userDir, LAST_SESS), uuid);
    this.#write(join(this.dir, escapeHost(host), LAST_USER), user);
    this.#write(join(this.dir, LAST_PORT), port);
    this.#write(join(this.dir, LAST_HOST), host);
  }

  /** Default of the `Server:` prompt. */
  lastHost(): string {
    return this.#readMarker(join(this.dir, LAST_HOST)) || "localhost";
  }

  lastPort(): string {
    return this.#readMarker(join(this.dir, LAST_PORT)) || DEFAULT_PORT;
  }

  /** Every readable session, ordered by host, user, key; bad files are reported and skipped. */
  contents(): StoredSession[] {
    const sessions: StoredSession[] = [];
    for (const { file, entry } of this.#sessionFiles()) {
      const props = this.#readSession(file.path, file.uuid, entry);
      if (props) sessions.push(storedSession(file, props));
    }
    return sessions;
  }

  /** Each file below the user directories, with its directory entry (which tells its type). */
  *#sessionFiles(): Generator<{ file: SessionFile; entry: Deno.DirEntry }> {
    const hostNames = listEntries(this.dir).filter(isVisibleDirectory).map((e) => e.name);
    for (const hostName of hostNames.sort(compare)) {
      const hostDir = join(this.dir, hostName);
      const host = unescapeHost(hostName);
      const users = listEntries(hostDir).filter(isVisibleDirectory).map((e) => e.name);
      for (const user of users.sort(compare)) {
        const userDir = join(hostDir, user);
        // Not only regular files: reading a directory or a link there reports it.
        const files = listEntries(userDir).filter((e) => !e.name.startsWith("."));
        for (const entry of files.sort((a, b) => compare(a.name, b.name))) {
          const uuid = entry.name;
          // An entry's name is one path segment, not "." or "..": no normalizing join needed.
          yield { file: { host, user, uuid, path: `${userDir}${nativePath.sep}${uuid}` }, entry };
        }
      }
    }
  }

  #userDir(host: string, user: string): string {
    if (host === "") throw new StoreError("cannot store a session without a host");
    return join(this.dir, escapeHost(host), checkPathSegment(user, "user name"));
  }

  /**
   * Writes `text` to `path` unless the file already holds exactly that: a reuse login then
   * costs no fsync, and works on a store it cannot write.
   */
  #write(path: string, text: string): void {
    if (holds(path, text)) return;
    try {
      makeDirectory(join(path, ".."));
      writeFileAtomic(path, text);
    } catch (error) {
      throw new StoreError(`cannot write ${path}: ${describeOsError(error)}`);
    }
  }

  /** Properties of a valid session file; undefined if missing or (reported) corrupt. */
  #readSession(path: string, uuid: string, entry: Deno.DirEntry): SessionProps | undefined {
    try {
      return readSessionFile(path, uuid, entry);
    } catch (error) {
      if (!(error instanceof CorruptFileError)) throw error;
      this.#report(error);
      return undefined;
    }
  }

  /** Unknown keys of an existing session file, so a rewrite keeps them. */
  #readPreserved(path: string): SessionProps {
    const preserved: SessionProps = new Map();
    let text: string | undefined;
    try {
      text = readSmallText(path);
    } catch (error) {
      if (!(error instanceof CorruptFileError)) throw error;
      this.#report(error);
    }
    const known: readonly string[] = KNOWN_KEYS;
    for (const [key, value] of parseSessionFile(text ?? "")) {
      if (!known.includes(key)) preserved.set(key, value);
    }
    return preserved;
  }

  /** A marker's trimmed value; undefined if missing, empty or (reported) unusable. */
  #readMarker(path: string, segment?: string): string | undefined {
    try {
      const value = readSmallText(path)?.trim();
      if (!value) return undefined;
      if (!isStorableValue(value) || (segment && !isPathSegment(value))) {
        throw new CorruptFileError(path, "not a single valid value");
      }
      return value;
    } catch (error) {
      if (!(error instanceof CorruptFileError)) throw error;
      this.#report(error);
      return undefined;
    }
  }

  #report(error: CorruptFileError): void {
    if (this.#reported.has(error.path)) return;
    this.#reported.add(error.path);
    this.#warn(`warning: skipping ${error.path}: ${error.reason}`);
  }

  /** Owner-only is what protects the session keys; say so once if the store is more open. */
  #checkPermissions(): void {
    if (Deno.build.os === "windows" || permissionWarned.has(this.dir)) return;
    let mode: number | null;
    try {
      mode = Deno.statSync(this.dir).mode;
    } catch (error) {
      if (!isOsError(error)) throw error;
      return; // Not created yet: it will be created 0700.
    }
    if (mode === null || (mode & 0o077) === 0) return;
    permissionWarned.add(this.dir);
    this.#warn(
      `warning: session store ${this.dir} is accessible by other users (mode ${
        (mode & 0o777).toString(8)
      }); fix: chmod ${DIR_MODE.toString(8)} ${this.dir}`,
    );
  }
}

/** Where a session file is: the part of a StoredSession that the directory tree tells. */
type SessionFile = Pick<StoredSession, "host" | "user" | "uuid" | "path">;

function storedSession(file: SessionFile, props: SessionProps): StoredSession {
  const port = props.get("omero.port");
  const group = props.get("omero.group");
  return {
    ...file,
    ...(port !== undefined ? { port } : {}),
    ...(group !== undefined ? { group } : {}),
    props,
  };
}

/** omero-py's display of conflicts: `key: old!=new` joined by `; `, absent shown as `None`. */
export function describeConflicts(conflicts: readonly Conflict[]): string {
  return conflicts.map(({ key, stored, wanted }) =>
    `${key}: ${stored ?? "None"}!=${wanted ?? "None"}`
  )
    .join("; ");
}

/** Equal strings, or an absent port and "4064" (string comparison: "04064" differs). */
function omeroPySamePort(a: string | undefined, b: string | undefined): boolean {
  return a === b || (a ?? DEFAULT_PORT) === (b ?? DEFAULT_PORT);
}

/** A valid session file's properties; undefined if it does not exist; else CorruptFileError. */
function readSessionFile(
  path: string,
  uuid: string,
  entry?: Deno.DirEntry,
): SessionProps | undefined {
  const text = readSmallText(path, entry);
  if (text === undefined) return undefined;
  const props = parseSessionFile(text);
  if (props.get("omero.sess") !== uuid) {
    throw new CorruptFileError(path, `no "omero.sess=${uuid}" line (truncated or foreign file)`);
  }
  return props;
}

/** Fatal: a file that is not UTF-8 is reported, not read with replacement characters. */
const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a small UTF-8 text file; undefined if it does not exist; CorruptFileError otherwise.
 * A symbolic link is not followed: the store is ours, and a link in it points somewhere else.
 * `entry`, the file's entry in its directory's listing, tells its type without another lstat
 * (a `list` of many sessions makes one call less per file).
 */
function readSmallText(path: string, entry?: Deno.DirEntry): string | undefined {
  let data: Uint8Array;
  try {
    const info = entry ?? Deno.lstatSync(path);
    if (info.isSymlink) throw new CorruptFileError(path, "a symbolic link");
    if (!info.isFile) throw new CorruptFileError(path, "not a regular file");
    data = readAtMost(path, MAX_FILE_BYTES);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    if (error instanceof CorruptFileError) throw error;
    throw new CorruptFileError(path, `cannot read: ${describeOsError(error)}`);
  }
  let text: string;
  try {
    text = UTF8.decode(data);
  } catch (error) {
    // The fatal decoder's TypeError.
    if (!(error instanceof TypeError)) throw error;
    throw new CorruptFileError(path, "not UTF-8 text");
  }
  if (text.includes("\0")) throw new CorruptFileError(path, "contains NUL bytes");
  return text;
}

/** Room for the largest file we read and one byte more, to tell that a file is larger. */
const READ_BUFFER = new Uint8Array(MAX_FILE_BYTES + 1);

/**
 * The file's bytes, read from one open file without a stat first; a file larger than `limit`
 * is CorruptFileError, read no further. The result is a view of READ_BUFFER: decode it before
 * the next read.
 */
function readAtMost(path: string, limit: number): Uint8Array {
  const file = Deno.openSync(path);
  try {
    let length = 0;
    while (length <= limit) {
      const read = file.readSync(READ_BUFFER.subarray(length, limit + 1));
      if (read === null || read === 0) break;
      length += read;
    }
    if (length > limit) {
      throw new CorruptFileError(path, `too large (${file.statSync().size} bytes)`);
    }
    return READ_BUFFER.subarray(0, length);
  } finally {
    file.close();
  }
}

function listEntries(dir: string): Deno.DirEntry[] {
  try {
    return [...Deno.readDirSync(dir)];
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      return [];
    }
    throw new StoreError(`cannot read directory ${dir}: ${describeOsError(error)}`);
  }
}

function isVisibleDirectory(entry: Deno.DirEntry): boolean {
  return entry.isDirectory && !entry.name.startsWith(".");
}

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch (error) {
    if (!isOsError(error)) throw error;
    return false;
  }
}

function isPresent(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch (error) {
    if (!isOsError(error)) throw error;
    return false;
  }
}

function mtimeOf(path: string): number {
  try {
    return Deno.statSync(path).mtime?.getTime() ?? 0;
  } catch (error) {
    if (!isOsError(error)) throw error;
    return 0;
  }
}

/** Whether `path` is a small regular file whose content is exactly `text`. */
function holds(path: string, text: string): boolean {
  try {
    return readSmallText(path) === text;
  } catch (error) {
    if (!(error instanceof CorruptFileError)) throw error;
    return false; // unreadable or damaged: rewriting it is the repair
  }
}

/** True when this call removed it: of processes removing one file at once, only one is told so. */
function removeIfPresent(path: string): boolean {
  try {
    Deno.removeSync(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw new StoreError(`cannot remove ${path}: ${describeOsError(error)}`);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
