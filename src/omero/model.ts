// Building and reading the few OMERO values a session client exchanges: RTypes, the
// EventContext, Session timeouts, a Principal, an unloaded ExperimenterGroup.
import { IceValue } from "../ice/values.ts";

export function rlong(value: bigint): IceValue {
  return new IceValue("::omero::RLong", { val: value });
}

export function rstring(value: string): IceValue {
  return new IceValue("::omero::RString", { val: value });
}

/** The `val` of an RType, or undefined for a null RType. */
function rval(value: unknown): unknown {
  return value instanceof IceValue ? value.members.val : undefined;
}

function rlongValue(value: unknown): bigint | undefined {
  const v = rval(value);
  return typeof v === "bigint" ? v : undefined;
}

function rstringValue(value: unknown): string | undefined {
  const v = rval(value);
  return typeof v === "string" ? v : undefined;
}

export interface EventContext {
  sessionUuid: string;
  userId: bigint;
  userName: string;
  sudoerName?: string;
  groupId: bigint;
  groupName: string;
  isAdmin: boolean;
  adminPrivileges: string[];
  memberOfGroups: bigint[];
  leaderOfGroups: bigint[];
}

export function toEventContext(value: unknown): EventContext {
  const m = members(value, "::omero::sys::EventContext");
  const sudoerName = rstringValue(m.sudoerName);
  return {
    sessionUuid: m.sessionUuid as string,
    userId: m.userId as bigint,
    userName: m.userName as string,
    ...(sudoerName !== undefined ? { sudoerName } : {}),
    groupId: m.groupId as bigint,
    groupName: m.groupName as string,
    isAdmin: m.isAdmin as boolean,
    adminPrivileges: m.adminPrivileges as string[],
    memberOfGroups: m.memberOfGroups as bigint[],
    leaderOfGroups: m.leaderOfGroups as bigint[],
  };
}

/** What we read from `::omero::model::Session`; times in milliseconds, 0 = disabled. */
export interface SessionInfo {
  uuid: string;
  timeToIdle: number;
  timeToLive: number;
  /** Milliseconds since the epoch. */
  started?: number;
  userAgent?: string;
}

export function toSessionInfo(value: unknown): SessionInfo {
  const m = members(value, "::omero::model::Session");
  const started = rlongValue(m.started);
  const userAgent = rstringValue(m.userAgent);
  return {
    uuid: rstringValue(m.uuid) ?? "",
    timeToIdle: Number(rlongValue(m.timeToIdle) ?? 0n),
    timeToLive: Number(rlongValue(m.timeToLive) ?? 0n),
    ...(started !== undefined ? { started: Number(started) } : {}),
    ...(userAgent !== undefined ? { userAgent } : {}),
  };
}

/**
 * A loaded Session that carries only its uuid, as `ISession.closeSession` needs it (an
 * unloaded one would reach the server as "id only" and lose the uuid).
 */
export function sessionWithUuid(uuid: string): IceValue {
  return new IceValue("::omero::model::Session", {
    id: null,
    details: null,
    loaded: true,
    version: null,
    node: null,
    uuid: rstring(uuid),
    owner: null,
    sudoer: null,
    timeToIdle: null,
    timeToLive: null,
    started: null,
    closed: null,
    message: null,
    defaultEventType: null,
    userAgent: null,
    userIP: null,
    eventsSeq: [],
    eventsLoaded: true,
    annotationLinksSeq: [],
    annotationLinksLoaded: true,
    annotationLinksCountPerOwner: new Map(),
  });
}

/** The unloaded group `setSecurityContext` takes: only its id matters. */
export function unloadedGroup(id: bigint): IceValue {
  return new IceValue("::omero::model::ExperimenterGroup", {
    id: rlong(id),
    details: null,
    loaded: false,
    version: null,
    name: null,
    ldap: null,
    groupExperimenterMapSeq: [],
    groupExperimenterMapLoaded: false,
    config: [],
    annotationLinksSeq: [],
    annotationLinksLoaded: false,
    annotationLinksCountPerOwner: new Map(),
    description: null,
  });
}

/** `group` "" means the user's default group. */
export function principal(name: string, group = ""): IceValue {
  return new IceValue("::omero::sys::Principal", {
    name,
    group,
    eventType: "User",
    umask: null,
  });
}

/** `UpdateSessionTimeoutRequest` changing only the idle timeout. */
export function updateTimeToIdle(sessionUuid: string, timeToIdleMs: number): IceValue {
  return new IceValue("::omero::cmd::UpdateSessionTimeoutRequest", {
    session: sessionUuid,
    timeToLive: null,
    timeToIdle: rlong(BigInt(timeToIdleMs)),
  });
}

/** A command's outcome: OK (with the response object), or ERR with its category and name. */
export type CommandResponse =
  | { ok: true; value: IceValue }
  | { ok: false; category: string; name: string; parameters: Map<string, string> };

export function toCommandResponse(value: IceValue): CommandResponse {
  if (value.typeId === "::omero::cmd::ERR" || value.typeId === "::omero::cmd::Unknown") {
    return {
      ok: false,
      category: value.members.category as string,
      name: value.members.name as string,
      parameters: value.members.parameters as Map<string, string>,
    };
  }
  return { ok: true, value };
}

export function currentSessionsRequest(): IceValue {
  return new IceValue("::omero::cmd::CurrentSessionsRequest", {});
}

/**
 * One row of `CurrentSessionsResponse`. `session` is absent when the caller may not see it
 * (non-admins see only the user and group names of others' sessions).
 */
export interface CurrentSession {
  context: EventContext;
  session?: SessionInfo;
  /** Extra per-session values (e.g. hitCount, lastAccessTime): the RTypes' plain values. */
  data: Record<string, unknown>;
}

export function toCurrentSessions(value: IceValue): CurrentSession[] {
  const m = members(value, "::omero::cmd::CurrentSessionsResponse");
  const sessions = m.sessions as unknown[];
  const data = m.data as Map<string, unknown>[];
  return (m.contexts as unknown[]).map((context, index) => {
    const session = sessions[index];
    const values: Record<string, unknown> = {};
    for (const [key, rtype] of data[index] ?? []) {
      const val = rval(rtype);
      values[key] = typeof val === "bigint" ? Number(val) : val ?? null;
    }
    return {
      context: toEventContext(context),
      ...(session ? { session: toSessionInfo(session) } : {}),
      data: values,
    };
  });
}

export interface Group {
  id: bigint;
  name: string;
  /** `details.permissions.perm1`; absent when the server sent no permissions. */
  perm1?: bigint;
  ldap?: boolean;
  /** The members, owners flagged; absent when the server did not load them. */
  members?: GroupMember[];
}

export interface GroupMember {
  id: bigint;
  owner: boolean;
}

export function toGroup(value: unknown): Group {
  const m = members(value, "::omero::model::ExperimenterGroup");
  const perm1 = permissionsOf(m.details);
  const ldap = rval(m.ldap);
  return {
    id: rlongValue(m.id) ?? -1n,
    name: rstringValue(m.name) ?? "",
    ...(perm1 !== undefined ? { perm1 } : {}),
    ...(typeof ldap === "boolean" ? { ldap } : {}),
    ...(m.groupExperimenterMapLoaded === true
      ? { members: (m.groupExperimenterMapSeq as unknown[]).flatMap(toGroupMember) }
      : {}),
  };
}

function permissionsOf(details: unknown): bigint | undefined {
  if (!(details instanceof IceValue)) return undefined;
  const permissions = details.members.permissions;
  if (!(permissions instanceof IceValue)) return undefined;
  const perm1 = permissions.members.perm1;
  return typeof perm1 === "bigint" ? perm1 : undefined;
}

/** A link to an experimenter (`GroupExperimenterMap`); a null link or child is skipped. */
function toGroupMember(link: unknown): GroupMember[] {
  if (!(link instanceof IceValue)) return [];
  const m = members(link, "::omero::model::GroupExperimenterMap");
  if (!(m.child instanceof IceValue)) return [];
  const id = rlongValue(m.child.members.id);
  return id === undefined ? [] : [{ id, owner: rval(m.owner) === true }];
}

export interface Experimenter {
  id: bigint;
  omeName: string;
}

export function toExperimenter(value: unknown): Experimenter {
  const m = members(value, "::omero::model::Experimenter");
  return { id: rlongValue(m.id) ?? -1n, omeName: rstringValue(m.omeName) ?? "" };
}

function members(value: unknown, typeId: string): Record<string, unknown> {
  if (!(value instanceof IceValue) || value.typeId !== typeId) {
    const got = value instanceof IceValue ? value.typeId : String(value);
    throw new TypeError(`expected ${typeId}, got ${got}`);
  }
  return value.members;
}
