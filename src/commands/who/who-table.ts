// How `who` shows the server's sessions: omero-py's columns in an SQL-style table, or
// one JSON document with stable keys.
import { formatTimeout } from "../../login/banner.ts";
import type { CurrentSession, RValue } from "../../omero/model.ts";
import { pythonStr } from "./python-str.ts";
import { renderSqlTable } from "../../table.ts";
import { jsonDocument } from "../shared/json-document.ts";

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
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, jsonData(v)])),
  }));
  return jsonDocument({ sessions });
}

/** Keys ending in `Time` hold epoch milliseconds (e.g. lastAccessTime), as omero-py assumes. */
function formatData(key: string, value: RValue): string {
  const ms = typeof value === "bigint" ? Number(value) : isFloat(value) ? value.float : NaN;
  // A time out of range is printed as it came, as omero-py does when the conversion fails.
  if (key.endsWith("Time") && !Number.isNaN(new Date(ms).getTime())) return formatLocalTime(ms);
  return pythonStr(value);
}

/** The JSON form: numbers, strings, arrays and objects; an RObject as its type and id. */
function jsonData(value: RValue): unknown {
  if (value === null || typeof value !== "object") {
    return typeof value === "bigint" ? Number(value) : value;
  }
  if (Array.isArray(value)) return value.map(jsonData);
  if (value instanceof Map) {
    return Object.fromEntries([...value].map(([k, v]) => [k, jsonData(v)]));
  }
  if ("float" in value) return value.float;
  if ("cycle" in value) return null;
  return { type: value.object, id: value.id === null ? null : Number(value.id) };
}

function isFloat(value: RValue): value is { float: number } {
  return value !== null && typeof value === "object" && "float" in value;
}

/** `YYYY-MM-DD HH:MM:SS` in local time. */
function formatLocalTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ` +
    `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
