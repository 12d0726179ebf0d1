// `status [--json] [-k KEY]`: is the current (or -k) session alive? Joins it once
// (never creates a session, never prompts, never changes the store). Exit 0 alive, 4 expired
// or no session, 5 unreachable; other failures keep their own code (e.g. 6 for a certificate
// that does not match the pinned one).
import type { IO } from "../../cli/io.ts";
import { currentStoredSession } from "../shared/current-session.ts";
import { checkStoredSession, type SessionRef } from "../../check/session-check.ts";
import { effectivePort, splitConnectionString, storedServer } from "../../connection-string.ts";
import { NoSessionError } from "../../errors.ts";
import type { SessionStore } from "../../store/session-store.ts";
import type { ConnectionOptions } from "../../login/options.ts";
import { formatAlive, noSessionReport, type StatusReport, statusReport } from "./status-report.ts";
import { jsonDocument } from "../shared/json-document.ts";
import type { CommandContext } from "../context.ts";

export interface StatusOptions extends ConnectionOptions {
  json?: boolean;
  sessionDir?: string;
}

export async function run(options: StatusOptions, context: CommandContext): Promise<void> {
  const { io } = context;
  const store = context.store(options.sessionDir);
  let target: { ref: SessionRef; user: string | null };
  try {
    target = findSession(store, options, context.programName);
  } catch (error) {
    if (options.json && error instanceof NoSessionError) print(noSessionReport(error.message), io);
    throw error;
  }
  const server = storedServer(target.ref);
  const where = `${target.ref.host}:${effectivePort(server)}`;
  const open = await context.opener(options);
  const check = await checkStoredSession(target.ref, open);
  const report = statusReport(where, target.user, target.ref.uuid, check, Date.now());
  if (options.json) print(report, io);
  else if (check.state === "alive") io.stdout.write(formatAlive(report));
  if (check.state === "gone") {
    const who = target.user === null ? where : `${target.user}@${where}`;
    throw new NoSessionError(`the session of ${who} has expired or was closed`);
  }
  if (check.state !== "alive") throw check.error;
}

/**
 * `-k KEY`: the stored session with that key, else (not stored here) on the server of `-s`.
 * Without `-k`: the current session.
 */
function findSession(store: SessionStore, options: StatusOptions, programName: string) {
  const key = options.key;
  if (key === undefined) {
    const stored = currentStoredSession(store, programName);
    return { ref: stored, user: stored.user };
  }
  const stored = store.contents().find((session) => session.uuid === key);
  if (stored) return { ref: stored, user: stored.user };
  if (options.server === undefined) {
    throw new NoSessionError(
      `session key ${key} is not in the store: give its server with -s HOST[:PORT]`,
    );
  }
  const parts = splitConnectionString(options.server);
  const port = options.port ?? parts.port;
  const ref: SessionRef = {
    host: parts.server,
    uuid: key,
    ...(port !== undefined ? { port } : {}),
  };
  return { ref, user: parts.user ?? null };
}

function print(report: StatusReport, io: IO): void {
  io.stdout.write(jsonDocument(report));
}
