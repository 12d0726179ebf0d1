// How `who` shows the server's sessions: omero-py's columns in an SQL-style table (reference
// §6.4), or one JSON document with stable keys.
import { formatTimeout } from "../../login/banner.ts";
import type { CurrentSession } from "../../omero/model.ts";
import { renderSqlTable } from "../../table.ts";

/** Shown where the caller may not see a session's details. */
const HIDDEN = "---";

export function whoTable(rows: CurrentSession[], ownUuid: string, showUuid: boolean): string {
  const dataKeys = [...new Set(rows.flatMap((row) => Object.keys(row.data)))].sort();
  const headers = ["name", "group", "logged in", "agent", "timeout"];
  if (showUuid) headers.push("uuid");
  headers.push(...dataKeys);
  const cells = rows.map(({ context, session, data }) => {
    const own = session !== undefined && session.uuid === ownUuid;
    const details = session === undefined ? [HIDDEN, HIDDEN, HIDDEN, HIDDEN] : [
      session.started === undefined ? "" : formatLocalTime(session.started) + (own ? " (*)" : ""),
      session.userAgent ?? "",
      session.timeToIdle ? formatTimeout(session.timeToIdle) : "",
      session.uuid,
    ];
    if (!showUuid) details.pop();
    const extra = dataKeys.map((key) => key in data ? formatData(key, data[key]) : HIDDEN);
    return [context.userName, context.groupName, ...details, ...extra];
  });
  return renderSqlTable(headers, cells);
}

export function whoJson(rows: CurrentSession[], ownUuid: string, showUuid: boolean): string {
  const sessions = rows.map(({ context, session, data }) => ({
    user: context.userName,
    group: context.groupName,
    current: session?.uuid === ownUuid,
    started: session?.started === undefined ? null : new Date(session.started).toISOString(),
    agent: session?.userAgent ?? null,
    timeToIdleSeconds: session === undefined ? null : session.timeToIdle / 1000,
    uuid: showUuid && session ? session.uuid : null,
    data,
  }));
  return JSON.stringify({ sessions }, null, 2) + "\n";
}

/** Keys ending in `Time` hold epoch milliseconds (e.g. lastAccessTime), as omero-py assumes. */
function formatData(key: string, value: unknown): string {
  if (key.endsWith("Time") && typeof value === "number") return formatLocalTime(value);
  return value === null || value === undefined ? "" : String(value);
}

/** `YYYY-MM-DD HH:MM:SS` in local time. */
function formatLocalTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ` +
    `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
