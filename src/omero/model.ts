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

/** A command's outcome: OK, or ERR with its category and name. */
export type CommandResponse =
  | { ok: true }
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
  return { ok: true };
}

function members(value: unknown, typeId: string): Record<string, unknown> {
  if (!(value instanceof IceValue) || value.typeId !== typeId) {
    const got = value instanceof IceValue ? value.typeId : String(value);
    throw new TypeError(`expected ${typeId}, got ${got}`);
  }
  return value.members;
}
