// Stored sessions grouped by server and user: the unit that one joined session can answer for
// (list) or act on (clear), since a server lets a user see and close their own sessions; and
// the joins of one run, within one limit and one memo of the servers that could not be reached.
import { type ServerTarget, storedServer } from "../connection-string.ts";
import { joinSession, type OmeroSession, type SessionOpener } from "../omero/session.ts";
import type { StoredSession } from "../store/session-store.ts";
import { limiter } from "./limiter.ts";
import { serverKey, ServerMemo } from "./server-memo.ts";

/**
 * Joins in flight at once. Sized for latency, not for the CPU: at 40 ms RTT, 64 checked 200
 * sessions three times faster than 16, and no slower on loopback.
 */
const CHECK_CONCURRENCY = 64;

export interface SessionGroup {
  /** The server's key (ServerMemo). */
  key: string;
  server: ServerTarget;
  /** Indexes into the grouped sessions, in their order except the current one first. */
  members: number[];
}

export interface Grouping {
  groups: SessionGroup[];
  /** Sessions whose stored server cannot be connected to at all, with the reason. */
  unusable: { index: number; error: unknown }[];
}

export function groupByServerAndUser(
  sessions: readonly StoredSession[],
  isCurrent: (stored: StoredSession) => boolean = () => false,
): Grouping {
  const grouping: Grouping = { groups: [], unusable: [] };
  const byKey = new Map<string, SessionGroup>();
  sessions.forEach((stored, index) => {
    let server: ServerTarget;
    try {
      server = storedServer(stored);
    } catch (error) {
      grouping.unusable.push({ index, error });
      return;
    }
    const key = serverKey(server);
    const groupKey = `${key}\0${stored.user}`;
    let group = byKey.get(groupKey);
    if (!group) {
      group = { key, server, members: [] };
      byKey.set(groupKey, group);
      grouping.groups.push(group);
    }
    if (isCurrent(stored)) group.members.unshift(index);
    else group.members.push(index);
  });
  return grouping;
}

/** Joins member `index` of a group (detached, so the server session survives us). */
export type GroupJoin = (group: SessionGroup, index: number) => Promise<OmeroSession>;

/** The joins of one run: CHECK_CONCURRENCY at a time, one timeout per unreachable server. */
export function groupJoiner(sessions: readonly StoredSession[], open: SessionOpener): GroupJoin {
  const servers = new ServerMemo();
  const limit = limiter(CHECK_CONCURRENCY);
  return (group, index) =>
    servers.attempt(
      group.key,
      () => limit(() => joinSession(open, group.server, sessions[index].uuid, { detach: true })),
    );
}

/**
 * Joins the members in `pending` in turn (taking each out) until one works; each failed one
 * goes to `onFailure`. Undefined when none could be joined.
 */
export async function joinFirst(
  join: GroupJoin,
  group: SessionGroup,
  pending: number[],
  onFailure: (index: number, error: unknown) => void,
): Promise<{ index: number; session: OmeroSession } | undefined> {
  while (pending.length > 0) {
    const index = pending.shift()!;
    try {
      return { index, session: await join(group, index) };
    } catch (error) {
      onFailure(index, error);
    }
  }
  return undefined;
}
