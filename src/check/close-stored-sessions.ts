// Closes stored sessions on their servers for `clear`, at one join per server and user: one
// session of each group is joined and closes the others (a user may close their own sessions
// with ISession.closeSession until no reference is left), then itself. A key it may not close
// (not this user's after all) is joined and closed on its own. A server that could not be
// reached costs one timeout (see groupJoiner).
import { CliError } from "../errors.ts";
import type { SessionOpener } from "../omero/session.ts";
import type { StoredSession } from "../store/session-store.ts";
import { failedCheck } from "./session-check.ts";
import {
  groupByServerAndUser,
  groupJoiner,
  joinFirst,
  type SessionGroup,
} from "./session-groups.ts";

/** Why each session could not be closed (undefined: closed), in the order of `sessions`. */
export async function closeStoredSessions(
  sessions: readonly StoredSession[],
  open: SessionOpener,
): Promise<(CliError | undefined)[]> {
  const failures: (CliError | undefined)[] = sessions.map(() => undefined);
  const fail = (index: number, error: unknown) => failures[index] = failedCheck(error).error;
  const join = groupJoiner(sessions, open);
  const closeAlone = async (group: SessionGroup, index: number) => {
    try {
      await (await join(group, index)).closeServerSession();
    } catch (error) {
      fail(index, error);
    }
  };
  const closeGroup = async (group: SessionGroup) => {
    const pending = [...group.members];
    const joined = await joinFirst(join, group, pending, fail);
    if (!joined) return;
    const refused: number[] = [];
    await Promise.all(pending.map(async (other) => {
      try {
        await joined.session.closeSession(sessions[other].uuid);
      } catch (error) {
        if (!(error instanceof CliError)) throw error;
        refused.push(other);
      }
    }));
    try {
      await joined.session.closeServerSession();
    } catch (error) {
      fail(joined.index, error);
    }
    await Promise.all(refused.map((other) => closeAlone(group, other)));
  };
  const { groups, unusable } = groupByServerAndUser(sessions);
  for (const { index, error } of unusable) fail(index, error);
  await Promise.all(groups.map(closeGroup));
  return failures;
}
