// `sessions list`. Only `--offline` works so far: it reads the store and never contacts a
// server, so Group is the one requested at login and Active/Started are not known.
import { CliError } from "../../errors.ts";
import type { IO } from "../../cli/io.ts";
import { openStore } from "../../cli/open-store.ts";
import { renderSqlTable } from "../../table.ts";
import type { StoredSession } from "../../store/session-store.ts";

export interface ListOptions {
  /** false with `--no-purge`. */
  purge: boolean;
  offline?: boolean;
  json?: boolean;
  sessionDir?: string;
}

const HEADERS = ["Server", "User", "Group", "Session", "Active", "Started"];

export interface ListRow {
  server: string;
  host: string;
  port: number | null;
  user: string;
  group: string | null;
  session: string;
  /** null when not checked (offline). */
  active: string | null;
  current: boolean;
  started: string | null;
  file: string;
}

export function run(options: ListOptions, io: IO): void {
  if (!options.offline) {
    throw new CliError("list: not implemented yet (use --offline to read the store only)");
  }
  const store = openStore(io, options.sessionDir);
  const current = store.getCurrent();
  const rows = store.contents()
    .map((session) => offlineRow(session, isCurrent(session, current)))
    .sort(compareRows);
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ sessions: rows }, null, 2)}\n`);
    return;
  }
  io.stdout.write(renderSqlTable(
    HEADERS,
    rows.map((row) => [
      row.server,
      row.user,
      row.group ?? "Unknown",
      row.session,
      row.current ? "Logged in" : row.active ?? "Not checked",
      row.started ?? "Unknown",
    ]),
  ));
}

function offlineRow(session: StoredSession, current: boolean): ListRow {
  const port = session.props.get("omero.port");
  const portNumber = port !== undefined && /^\d+$/u.test(port) ? Number(port) : null;
  return {
    server: port === undefined ? session.host : `${session.host}:${port}`,
    host: session.host,
    port: portNumber,
    user: session.user,
    group: session.props.get("omero.group") ?? null,
    session: session.uuid,
    active: null,
    current,
    started: null,
    file: session.path,
  };
}

function isCurrent(
  session: StoredSession,
  current: { host?: string; user?: string; uuid?: string },
): boolean {
  return session.host === current.host && session.user === current.user &&
    session.uuid === current.uuid;
}

/** Stable order: host, port (numeric), user, start time, key. */
export function compareRows(a: ListRow, b: ListRow): number {
  return compareText(a.host, b.host) || (a.port ?? 0) - (b.port ?? 0) ||
    compareText(a.user, b.user) || compareText(a.started ?? "", b.started ?? "") ||
    compareText(a.session, b.session);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
