// `open --user-name|--user-id [--group-name|--group-id] [--timeout SECS]`: an
// administrator creates a session for another user. stdout is only the new key, so that
// `KEY=$(omero-sessions open --user-name bob)` works; nothing is stored locally.
import { escapeControl } from "../../control-chars.ts";
import type { IO } from "../../cli/io.ts";
import { CliError, PermissionError } from "../../errors.ts";
import type { ImplicitLogin } from "../../login/options.ts";
import { withLogin } from "../shared/with-login.ts";
import { principal } from "../../omero/model.ts";
import { ServerError } from "../../omero/errors.ts";
import { TypeIds } from "../../omero/exception-kinds.ts";
import type { OmeroSession } from "../../omero/session.ts";
import type { CommandContext } from "../context.ts";

export interface OpenOptions {
  userId?: number;
  userName?: string;
  groupId?: number;
  groupName?: string;
  /** Seconds the new session may live; 0 (default) = the server's maximum. */
  timeout?: number;
}

export function run(
  options: OpenOptions & ImplicitLogin,
  context: CommandContext,
): Promise<void> {
  const { io } = context;
  const { login } = options;
  return withLogin(login, context, async (session) => {
    requireSudo(session);
    const user = await userName(session, options, io);
    const group = await groupName(session, options, io);
    const created = await session.createSessionWithTimeout(
      principal(user, group ?? ""),
      (options.timeout ?? 0) * 1000,
    );
    const inGroup = group === undefined ? "" : ` in group ${escapeControl(group)}`;
    io.stderr.write(
      `Session created for user ${escapeControl(user)}${inGroup} ` +
        `(timeToIdle: ${created.timeToIdle / 1000} sec, ` +
        `timeToLive: ${created.timeToLive / 1000} sec)\n`,
    );
    io.stdout.write(`${escapeControl(created.uuid)}\n`);
  });
}

/** Checked here (as omero-py does) so that non-admins get omero-py's message. */
function requireSudo(session: OmeroSession): void {
  const { isAdmin, adminPrivileges } = session.eventContext;
  if (!isAdmin) throw new PermissionError("SecurityViolation: Admins only!");
  if (!adminPrivileges.includes("Sudo")) {
    throw new PermissionError("SecurityViolation: Admin restrictions: Sudo");
  }
}

async function userName(session: OmeroSession, options: OpenOptions, io: IO): Promise<string> {
  const { userId, userName } = options;
  try {
    const user = userId !== undefined
      ? await session.getExperimenter(BigInt(userId))
      : await session.lookupExperimenter(userName!);
    return user.omeName;
  } catch (error) {
    if (!isUnknown(error)) throw error;
    io.stderr.write(
      userId !== undefined ? `Not a valid user ID: ${userId}\n` : `Unknown user: ${userName}\n`,
    );
    throw new CliError("No user found");
  }
}

/** An unknown group is reported and skipped: the user's default group is used (omero-py). */
async function groupName(
  session: OmeroSession,
  options: OpenOptions,
  io: IO,
): Promise<string | undefined> {
  const { groupId, groupName } = options;
  if (groupId === undefined && groupName === undefined) return undefined;
  try {
    const group = groupId !== undefined
      ? await session.getGroup(BigInt(groupId))
      : await session.lookupGroup(groupName!);
    return group.name;
  } catch (error) {
    if (!isUnknown(error)) throw error;
    io.stderr.write(
      groupId !== undefined
        ? `Not a valid group ID: ${groupId}\n`
        : `Unknown group: ${groupName}\n`,
    );
    return undefined;
  }
}

/** The server's "No such …" ApiUsageException, not a network failure. */
function isUnknown(error: unknown): boolean {
  return error instanceof ServerError && error.is(TypeIds.apiUsage);
}
