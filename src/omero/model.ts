// Building and reading the few OMERO values a session client exchanges: RTypes, the
// EventContext, Session timeouts, a Principal, an unloaded ExperimenterGroup.
import { IceValue } from "../ice/values.ts";

function rlong(value: bigint): IceValue {
  return new IceValue("::omero::RLong", { val: value });
}

function rstring(value: string): IceValue {
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
 * An RType's value as omero-py's `rtypes.unwrap` gives it, keeping what Python's `str` shows:
 * RInt, RLong and RTime are integers (bigint), RFloat and RDouble `{ float }`, every RCollection
 * a list, RMap a map, RObject the type and id of its object, a null RType null. A collection that
 * contains itself ends in a `{ cycle }` where Python would show `[...]` or `{...}`.
 */
export type RValue =
  | null
  | boolean
  | string
  | bigint
  | { readonly float: number }
  | RValue[]
  | Map<string, RValue>
  | { readonly object: string; readonly id: bigint | null }
  | { readonly cycle: "list" | "map" };

const FLOATS = new Set(["::omero::RFloat", "::omero::RDouble"]);
const COLLECTIONS = new Set(["::omero::RArray", "::omero::RList", "::omero::RSet"]);

function unwrap(value: unknown, path: Set<IceValue> = new Set()): RValue {
  if (!(value instanceof IceValue)) return null;
  const val = value.members.val;
  const nested = (kind: "list" | "map", read: () => RValue) => {
    if (path.has(value)) return { cycle: kind };
    path.add(value);
    try {
      return read();
    } finally {
      path.delete(value);
    }
  };
  if (COLLECTIONS.has(value.typeId) || value.typeId === "::omero::RCollection") {
    return Array.isArray(val) ? nested("list", () => val.map((x) => unwrap(x, path))) : null;
  }
  if (value.typeId === "::omero::RMap") {
    if (!(val instanceof Map)) return null;
    return nested("map", () => new Map([...val].map(([k, v]) => [String(k), unwrap(v, path)])));
  }
  if (value.typeId === "::omero::RObject") {
    if (!(val instanceof IceValue)) return null;
    const name = val.wireTypeId.slice(val.wireTypeId.lastIndexOf("::") + 2);
    return { object: name, id: rlongValue(val.members.id) ?? null };
  }
  if (FLOATS.has(value.typeId) && typeof val === "number") return { float: val };
  if (typeof val === "bigint" || typeof val === "boolean" || typeof val === "string") return val;
  if (typeof val === "number") return Number.isInteger(val) ? BigInt(val) : { float: val };
  return null;
}

/**
 * One row of `CurrentSessionsResponse`. `session` is absent when the caller may not see it
 * (non-admins see only the user and group names of others' sessions).
 */
export interface CurrentSession {
  context: EventContext;
  session?: SessionInfo;
  /** Extra per-session values (e.g. hitCount, lastAccessTime), unwrapped. */
  data: Record<string, RValue>;
}

export function toCurrentSessions(value: IceValue): CurrentSession[] {
  const m = members(value, "::omero::cmd::CurrentSessionsResponse");
  const sessions = m.sessions as unknown[];
  const data = m.data as Map<string, unknown>[];
  return (m.contexts as unknown[]).map((context, index) => {
    const session = sessions[index];
    // fromEntries: a key such as "__proto__" stays an ordinary key.
    const values: Record<string, RValue> = Object.fromEntries(
      [...data[index] ?? []].map(([key, rtype]) => [key, unwrap(rtype)]),
    );
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
