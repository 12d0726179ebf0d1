// `groups`: the groups the current user belongs to, the session's one marked.
import type { IO } from "../../cli/io.ts";
import type { ImplicitLogin } from "../../login/options.ts";
import { withLogin } from "../shared/with-login.ts";
import type { OmeroSession } from "../../omero/session.ts";
import { renderSqlTable } from "../../table.ts";
import { jsonDocument } from "../shared/json-document.ts";
import type { CommandContext } from "../context.ts";

export interface GroupsOptions {
  json?: boolean;
}

export function run(
  options: GroupsOptions & ImplicitLogin,
  context: CommandContext,
): Promise<void> {
  const { io } = context;
  const { login } = options;
  return withLogin(login, context, async (session) => {
    await listGroups(session, options, io);
  });
}

async function listGroups(session: OmeroSession, options: GroupsOptions, io: IO) {
  const { userId, groupId } = session.eventContext;
  const groups = (await session.containedGroups(userId))
    .sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    .map((group) => ({ id: Number(group.id), name: group.name, current: group.id === groupId }));
  if (options.json) {
    io.stdout.write(jsonDocument({ groups }));
    return;
  }
  const rows = groups.map((g) => [String(g.id), g.name, g.current ? "*" : ""]);
  io.stdout.write(renderSqlTable(["id", "name", "current"], rows));
}
