// `group list` (every group, `IAdmin.lookupGroups`) and `group info [GROUP...]` (the named
// groups, else the session's), as omero-py's group plugin prints them. Like omero-py, `info`
// reports a group it cannot find on stderr and goes on; it fails only when it found none.
import type { IO } from "../../cli/io.ts";
import { CliError } from "../../errors.ts";
import type { ImplicitLogin } from "../../login/options.ts";
import { withLogin } from "../shared/with-login.ts";
import type { Group } from "../../omero/model.ts";
import type { OmeroSession } from "../../omero/session.ts";
import { type GroupTableOptions, renderGroups } from "./group-table.ts";
import type { CommandContext } from "../context.ts";

export interface GroupInfoOptions extends GroupTableOptions {
  /** Ids or names. */
  groups: string[];
  groupId?: string[];
  groupName?: string[];
}

export function list(
  options: GroupTableOptions & ImplicitLogin,
  context: CommandContext,
): Promise<void> {
  const { io } = context;
  const { login } = options;
  return withLogin(login, context, async (session) => {
    io.stdout.write(renderGroups(await session.lookupGroups(), options));
  });
}

export function info(
  options: GroupInfoOptions & ImplicitLogin,
  context: CommandContext,
): Promise<void> {
  const { io } = context;
  const { login } = options;
  return withLogin(login, context, async (session) => {
    io.stdout.write(renderGroups(await selectedGroups(session, options, io), options));
  });
}

async function selectedGroups(session: OmeroSession, options: GroupInfoOptions, io: IO) {
  const { groups, groupId = [], groupName = [] } = options;
  const found: Group[] = [];
  const keep = (group: Group | undefined, unknown: string) => {
    if (group) found.push(group);
    else io.stderr.write(`Unknown group: ${unknown}\n`);
  };
  for (const target of groups) {
    const group = await findByIdOrName(session, target);
    if (group === "ambiguous") io.stderr.write(`Ambiguous group identifier: ${target}\n`);
    else keep(group, target);
  }
  for (const id of groupId) {
    if (!isInteger(id)) io.stderr.write(`Not a valid group ID: ${id}\n`);
    else keep(await session.findGroupById(BigInt(id)), String(BigInt(id)));
  }
  for (const name of groupName) keep(await session.findGroupByName(name), name);
  if (found.length > 0) return found;
  if (groups.length + groupId.length + groupName.length > 0) throw new CliError("No group found");
  const current = await session.findGroupById(session.eventContext.groupId);
  return current ? [current] : [];
}

/** A group whose name is the text, or whose id it is; both but different is ambiguous. */
async function findByIdOrName(session: OmeroSession, target: string) {
  const byName = await session.findGroupByName(target);
  const byId = isInteger(target) ? await session.findGroupById(BigInt(target)) : undefined;
  if (byName && byId && byName.id !== byId.id) return "ambiguous";
  return byName ?? byId;
}

function isInteger(text: string): boolean {
  return /^[+-]?\d+$/u.test(text.trim());
}
