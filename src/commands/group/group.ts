// `group [ID|NAME]`: show the session's group, or switch it. Unlike omero-py,
// an unknown group is a one-line error, and `-q` with the already active group changes nothing.
import { escapeControl } from "../../control-chars.ts";
import type { IO } from "../../cli/io.ts";
import type { ImplicitLogin } from "../../login/options.ts";
import { withLogin } from "../shared/with-login.ts";
import type { Group } from "../../omero/model.ts";
import type { OmeroSession } from "../../omero/session.ts";
import type { CommandContext } from "../context.ts";

export interface GroupOptions {
  /** A group id or name. */
  target?: string;
}

export function run(
  options: GroupOptions & ImplicitLogin,
  context: CommandContext,
): Promise<void> {
  const { io } = context;
  const { login } = options;
  return withLogin(login, context, async (session) => {
    const { target } = options;
    if (target === undefined) {
      io.stdout.write(`ExperimenterGroup:${session.eventContext.groupId}\n`);
      return;
    }
    await switchGroup(session, await findGroup(session, target), login.quiet ?? false, io);
  });
}

/** An integer is an id, anything else a name (as omero-py decides). */
function findGroup(session: OmeroSession, target: string): Promise<Group> {
  return /^-?\d+$/u.test(target) ? session.getGroup(BigInt(target)) : session.lookupGroup(target);
}

async function switchGroup(session: OmeroSession, group: Group, quiet: boolean, io: IO) {
  const before = session.eventContext;
  if (group.id === before.groupId) {
    if (!quiet) {
      io.stderr.write(`Group '${escapeControl(group.name)}' (id=${group.id}) is already active\n`);
    }
    return;
  }
  await session.setSecurityContext(group.id);
  const after = session.eventContext;
  io.stdout.write(
    `Group '${escapeControl(before.groupName)}' (id=${before.groupId}) switched to ` +
      `'${escapeControl(after.groupName)}' (id=${after.groupId})\n`,
  );
}
