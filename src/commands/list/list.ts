// `sessions list`: every stored session, checked against its server
// unless `--offline`, at one join per server and user (src/check/stored-sessions-check.ts).
// Rows come in a stable order; the current-session markers are never changed; only sessions
// the server says are gone are purged (not with `--no-purge`); a server we cannot reach marks
// its rows `Unreachable` and keeps their files.
import { lazyImport } from "../../lazy-import.ts";
import { escapeControl } from "../../control-chars.ts";
import type { IO } from "../../cli/io.ts";
import type { SessionCheck } from "../../check/session-check.ts";
import type { SessionStore, StoredSession } from "../../store/session-store.ts";
import { renderSqlTable } from "../../table.ts";
import type { ConnectionOptions } from "../../login/options.ts";
import { formatCtime } from "./ctime.ts";
import { progressLine } from "./progress.ts";
import { jsonDocument } from "../shared/json-document.ts";
import type { CommandContext } from "../context.ts";

export interface ListOptions extends ConnectionOptions {
  /** false with `--no-purge`. */
  purge: boolean;
  offline?: boolean;
  json?: boolean;
  sessionDir?: string;
}

const HEADERS = ["Server", "User", "Group", "Session", "Active", "Started"];

/** One row; also the `--json` document's entries (keys in this order). */
export interface ListRow {
  server: string;
  host: string;
  port: number | null;
  user: string;
  /** Offline: the group asked for at login; online: the session's current group. */
  group: string | null;
  session: string;
  /**
   * null when not checked (offline); else "True", "Unreachable", "Error", or the server's
   * reason for a session it no longer knows (only listed with `--no-purge`).
   */
  active: string | null;
  current: boolean;
  /** ISO 8601 start time, when the server told it. */
  started: string | null;
  file: string;
}

export async function run(options: ListOptions, context: CommandContext): Promise<void> {
  const { io } = context;
  const store = context.store(options.sessionDir);
  const current = store.getCurrent();
  const isCurrent = (session: StoredSession) =>
    session.host === current.host && session.user === current.user &&
    session.uuid === current.uuid;
  const sessions = store.contents();
  let rows: ListRow[];
  if (options.offline) {
    rows = sessions.map((session) => storedRow(session, isCurrent(session)));
  } else {
    // The Ice client is loaded only here, so `list --offline` starts as fast as `key`.
    const { checkStoredSessions } = await lazyImport<
      typeof import("../../check/stored-sessions-check.ts")
    >("check/stored-sessions-check.ts");
    const open = await context.opener(options);
    const progress = progressLine(io, sessions.length);
    const checks = await checkStoredSessions(sessions, open, {
      isCurrent,
      onSettled: progress.tick,
    });
    progress.done();
    reportFailures(checks, io);
    rows = [];
    sessions.forEach((session, index) => {
      const check = checks[index];
      if (check.state === "gone" && options.purge && purge(store, session, io)) return;
      rows.push(checkedRow(storedRow(session, isCurrent(session)), check));
    });
  }
  rows.sort(compareRows);
  if (options.json) {
    io.stdout.write(jsonDocument({ sessions: rows }));
    return;
  }
  io.stdout.write(renderSqlTable(
    HEADERS,
    rows.map((row) => [
      row.server,
      row.user,
      row.group ?? "Unknown",
      row.session,
      activeCell(row),
      row.started ? formatCtime(new Date(row.started)) : "Unknown",
    ]),
  ));
}

/** omero-py's `Logged in` for the current session, unless the check found a problem with it. */
function activeCell(row: ListRow): string {
  if (row.current && (row.active === null || row.active === "True")) return "Logged in";
  return row.active ?? "Not checked";
}

/** The row as the store alone describes it. */
function storedRow(session: StoredSession, current: boolean): ListRow {
  const { host, port } = session;
  return {
    server: port === undefined ? host : `${host}:${port}`,
    host,
    port: port !== undefined && /^\d+$/u.test(port) ? Number(port) : null,
    user: session.user,
    group: session.group ?? null,
    session: session.uuid,
    active: null,
    current,
    started: null,
    file: session.path,
  };
}

/** What the server told: the live group and start time, or why we could not ask. */
function checkedRow(row: ListRow, check: SessionCheck): ListRow {
  switch (check.state) {
    case "alive": {
      const started = check.info.started;
      return {
        ...row,
        group: check.eventContext.groupName,
        active: "True",
        started: started === undefined ? null : new Date(started).toISOString(),
      };
    }
    case "gone":
      return { ...row, group: null, active: check.error.message };
    case "unreachable":
      return { ...row, group: null, active: "Unreachable" };
    case "error":
      return { ...row, group: null, active: "Error" };
  }
}

/** Removes a session the server no longer knows; false (and a warning) if that fails. */
function purge(store: SessionStore, session: StoredSession, io: IO): boolean {
  try {
    store.remove(session.host, session.user, session.uuid);
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr.write(`warning: ${escapeControl(reason)}\n`);
    return false;
  }
}

/** Why rows say Unreachable or Error: each distinct reason once on stderr. */
function reportFailures(checks: SessionCheck[], io: IO): void {
  const reasons = new Set<string>();
  for (const check of checks) {
    if (check.state === "unreachable" || check.state === "error") reasons.add(check.error.message);
  }
  for (const reason of reasons) io.stderr.write(`warning: ${escapeControl(reason)}\n`);
}

/** Stable order: host, port (numeric), user, start time, key. */
function compareRows(a: ListRow, b: ListRow): number {
  return compareText(a.host, b.host) || (a.port ?? 0) - (b.port ?? 0) ||
    compareText(a.user, b.user) || compareText(a.started ?? "", b.started ?? "") ||
    compareText(a.session, b.session);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
