// What `status` says about one session: a JSON document with stable keys, and its text form.
import { escapeControl } from "../../control-chars.ts";
import type { SessionCheck } from "../../check/session-check.ts";
import { formatTimeout } from "../../login/banner.ts";
import { formatCtime } from "../list/ctime.ts";

export type StatusState = "alive" | "expired" | "none" | "unreachable" | "error";

export interface StatusReport {
  state: StatusState;
  /** `host:port` as the login banner shows it. */
  server: string | null;
  user: string | null;
  /** The session key. */
  session: string | null;
  group: string | null;
  /** Seconds; 0 = never idles out; null = unknown. */
  idleTimeout: number | null;
  /** Seconds; 0 = no maximum lifetime; null = unknown. */
  timeToLive: number | null;
  /** Seconds until the session ends if left alone; null = unknown or never. */
  timeLeft: number | null;
  /** ISO 8601. */
  started: string | null;
  /** Why the session is not alive. */
  message: string | null;
}

const STATES = {
  gone: "expired",
  unreachable: "unreachable",
  error: "error",
} as const;

/**
 * The join that asked counts as activity, so the idle part of the time left is the whole idle
 * timeout; a maximum lifetime (time to live) counts from the start.
 */
export function statusReport(
  server: string,
  user: string | null,
  session: string,
  check: SessionCheck,
  now: number,
): StatusReport {
  const unknown = { group: null, idleTimeout: null, timeToLive: null, timeLeft: null };
  if (check.state !== "alive") {
    return {
      state: STATES[check.state],
      server,
      user,
      session,
      ...unknown,
      started: null,
      message: check.error.message,
    };
  }
  const { timeToIdle, timeToLive, started } = check.info;
  const limits: number[] = [];
  if (timeToIdle > 0) limits.push(timeToIdle);
  if (timeToLive > 0 && started !== undefined) {
    limits.push(Math.max(0, started + timeToLive - now));
  }
  return {
    state: "alive",
    server,
    user: check.eventContext.userName,
    session,
    group: check.eventContext.groupName,
    idleTimeout: timeToIdle / 1000,
    timeToLive: timeToLive / 1000,
    timeLeft: limits.length ? Math.min(...limits) / 1000 : null,
    started: started === undefined ? null : new Date(started).toISOString(),
    message: null,
  };
}

export function noSessionReport(message: string): StatusReport {
  return {
    state: "none",
    server: null,
    user: null,
    session: null,
    group: null,
    idleTimeout: null,
    timeToLive: null,
    timeLeft: null,
    started: null,
    message,
  };
}

/** The text form of a live session's report (stdout). */
export function formatAlive(report: StatusReport): string {
  const seconds = (value: number | null, none: string) =>
    value === null ? "unknown" : value === 0 ? none : formatTimeout(value * 1000);
  const timeLeft = report.timeLeft === null
    ? "no timeout"
    : `${formatTimeout(report.timeLeft * 1000)}${
      report.timeLeft === report.idleTimeout ? " (idle timer restarted by this check)" : ""
    }`;
  const text = (value: string | null) => escapeControl(String(value));
  const lines = [
    `Session of ${text(report.user)}@${text(report.server)} is alive`,
    `Group:        ${text(report.group)}`,
    `Idle timeout: ${seconds(report.idleTimeout, "none")}`,
    ...(report.timeToLive ? [`Lifetime:     ${seconds(report.timeToLive, "none")}`] : []),
    `Time left:    ${timeLeft}`,
    ...(report.started ? [`Started:      ${formatCtime(new Date(report.started))}`] : []),
  ];
  return lines.join("\n") + "\n";
}
