// `list`'s check of every stored session, at one join per server and user: stored sessions are
// grouped by server and user; one session of each group is joined (the current one first, then
// the others until one works) and asked once for the user's current sessions
// (`CurrentSessionsRequest`, which lists a non-admin's own sessions with their event contexts).
// Every stored key of the group in that answer is alive; only keys not in it are joined one by
// one, so only a server that says so marks a session gone. Only the joined sessions count as
// used (their idle timers restart); the others are read, not touched. A server that could not
// be reached costs one timeout (see groupJoiner).
import { CliError } from "../errors.ts";
import type { CurrentSession } from "../omero/model.ts";
import type { OmeroSession, SessionOpener } from "../omero/session.ts";
import type { StoredSession } from "../store/session-store.ts";
import { aliveCheck, failedCheck, type SessionCheck } from "./session-check.ts";
import {
  groupByServerAndUser,
  groupJoiner,
  joinFirst,
  type SessionGroup as Group,
} from "./session-groups.ts";

export interface CheckOptions {
  /** The current session: joined first in its group. */
  isCurrent?: (stored: StoredSession) => boolean;
  /** Called once per stored session as its check settles. */
  onSettled?: () => void;
}

/** Checks every stored session; the results are in the order of `sessions`. */
export async function checkStoredSessions(
  sessions: readonly StoredSession[],
  open: SessionOpener,
  { isCurrent = () => false, onSettled = () => {} }: CheckOptions = {},
): Promise<SessionCheck[]> {
  const results = new Array<SessionCheck>(sessions.length);
  const settle = (index: number, check: SessionCheck) => {
    results[index] = check;
    onSettled();
  };
  const join = groupJoiner(sessions, open);
  const checkAlone = async (group: Group, index: number) => {
    try {
      const session = await join(group, index);
      settle(index, aliveCheck(session));
      await session.release();
    } catch (error) {
      settle(index, failedCheck(error));
    }
  };

  const checkGroup = async (group: Group) => {
    const pending = [...group.members];
    const failed = (index: number, error: unknown) => settle(index, failedCheck(error));
    const joined = await joinFirst(join, group, pending, failed);
    if (!joined) return;
    settle(joined.index, aliveCheck(joined.session));
    const listed = await ownCurrentSessions(joined.session);
    await joined.session.release();
    // Keys the server did not list (or all of them, if it would not list any) are joined.
    await Promise.all(pending.map(async (index) => {
      const found = listed.get(sessions[index].uuid);
      if (found?.session) {
        settle(index, { state: "alive", eventContext: found.context, info: found.session });
      } else {
        await checkAlone(group, index);
      }
    }));
  };

  const { groups, unusable } = groupByServerAndUser(sessions, isCurrent);
  for (const { index, error } of unusable) settle(index, failedCheck(error));
  await Promise.all(groups.map(checkGroup));
  return results;
}

/**
 * The sessions the server lists in full for this user, by key; an empty map when it would not
 * answer (then every other key is joined on its own, as if none were listed).
 */
async function ownCurrentSessions(session: OmeroSession): Promise<Map<string, CurrentSession>> {
  try {
    const current = await session.currentSessions();
    return new Map(
      current.filter((entry) => entry.session?.uuid).map((entry) => [entry.session!.uuid, entry]),
    );
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return new Map();
  }
}
