// The OMERO classes and exceptions this client sends or reads, with the exact type ids and
// member orders of omero-blitz's Slice. Classes we only
// skip over (Experimenter, Node, Event…) are not declared: encoding 1.0 lets the decoder
// skip unknown slices by size.
import type { Members, TypeDefinition } from "../ice/values.ts";

const rtype = (name: string, val: Members[number][1]): TypeDefinition => ({
  typeId: `::omero::${name}`,
  base: "::omero::RType",
  members: [["val", val]],
});

export const RTYPES: TypeDefinition[] = [
  { typeId: "::omero::RType", members: [] },
  rtype("RBool", "bool"),
  rtype("RDouble", "double"),
  rtype("RFloat", "float"),
  rtype("RInt", "int"),
  rtype("RLong", "long"),
  rtype("RString", "string"),
  rtype("RTime", "long"),
  { typeId: "::omero::RClass", base: "::omero::RString", members: [] },
  rtype("RCollection", { seq: "class" }),
  { typeId: "::omero::RArray", base: "::omero::RCollection", members: [] },
  { typeId: "::omero::RList", base: "::omero::RCollection", members: [] },
  { typeId: "::omero::RSet", base: "::omero::RCollection", members: [] },
  rtype("RMap", { dict: ["string", "class"] }),
  rtype("RObject", "class"),
];

const ANNOTATION_LINKS: Members = [
  ["annotationLinksSeq", { seq: "class" }],
  ["annotationLinksLoaded", "bool"],
  ["annotationLinksCountPerOwner", { dict: ["long", "long"] }],
];

export const MODEL: TypeDefinition[] = [
  {
    typeId: "::omero::model::IObject",
    members: [["id", "class"], ["details", "class"], ["loaded", "bool"]],
  },
  {
    typeId: "::omero::model::Details",
    members: [
      ["owner", "class"],
      ["group", "class"],
      ["creationEvent", "class"],
      ["updateEvent", "class"],
      ["permissions", "class"],
      ["externalInfo", "class"],
      ["call", { dict: ["string", "string"] }],
      ["event", "class"],
    ],
  },
  {
    typeId: "::omero::model::Permissions",
    members: [
      ["restrictions", { seq: "bool" }],
      ["extendedRestrictions", { seq: "string" }],
      ["perm1", "long"],
    ],
  },
  {
    typeId: "::omero::model::Session",
    base: "::omero::model::IObject",
    members: [
      ["version", "class"],
      ["node", "class"],
      ["uuid", "class"],
      ["owner", "class"],
      ["sudoer", "class"],
      ["timeToIdle", "class"],
      ["timeToLive", "class"],
      ["started", "class"],
      ["closed", "class"],
      ["message", "class"],
      ["defaultEventType", "class"],
      ["userAgent", "class"],
      ["userIP", "class"],
      ["eventsSeq", { seq: "class" }],
      ["eventsLoaded", "bool"],
      ...ANNOTATION_LINKS,
    ],
  },
  {
    typeId: "::omero::model::Experimenter",
    base: "::omero::model::IObject",
    members: [
      ["version", "class"],
      ["groupExperimenterMapSeq", { seq: "class" }],
      ["groupExperimenterMapLoaded", "bool"],
      ["omeName", "class"],
      ["firstName", "class"],
      ["middleName", "class"],
      ["lastName", "class"],
      ["institution", "class"],
      ["ldap", "class"],
      ["email", "class"],
      ["config", { seq: "class" }],
      ...ANNOTATION_LINKS,
    ],
  },
  {
    typeId: "::omero::model::ExperimenterGroup",
    base: "::omero::model::IObject",
    members: [
      ["version", "class"],
      ["name", "class"],
      ["ldap", "class"],
      ["groupExperimenterMapSeq", { seq: "class" }],
      ["groupExperimenterMapLoaded", "bool"],
      ["config", { seq: "class" }],
      ...ANNOTATION_LINKS,
      ["description", "class"],
    ],
  },
  {
    typeId: "::omero::model::GroupExperimenterMap",
    base: "::omero::model::IObject",
    members: [["version", "class"], ["parent", "class"], ["child", "class"], ["owner", "class"]],
  },
];

export const SYS: TypeDefinition[] = [
  {
    typeId: "::omero::sys::EventContext",
    members: [
      ["shareId", "long"],
      ["sessionId", "long"],
      ["sessionUuid", "string"],
      ["userId", "long"],
      ["userName", "string"],
      ["sudoerId", "class"],
      ["sudoerName", "class"],
      ["groupId", "long"],
      ["groupName", "string"],
      ["isAdmin", "bool"],
      ["adminPrivileges", { seq: "string" }],
      ["eventId", "long"],
      ["eventType", "string"],
      ["memberOfGroups", { seq: "long" }],
      ["leaderOfGroups", { seq: "long" }],
      ["groupPermissions", "class"],
    ],
  },
  {
    typeId: "::omero::sys::Principal",
    members: [["name", "string"], ["group", "string"], ["eventType", "string"], [
      "umask",
      "class",
    ]],
  },
];

export const COMMANDS: TypeDefinition[] = [
  { typeId: "::omero::cmd::Request", members: [] },
  {
    typeId: "::omero::cmd::UpdateSessionTimeoutRequest",
    base: "::omero::cmd::Request",
    members: [["session", "string"], ["timeToLive", "class"], ["timeToIdle", "class"]],
  },
  { typeId: "::omero::cmd::CurrentSessionsRequest", base: "::omero::cmd::Request", members: [] },
  { typeId: "::omero::cmd::Response", members: [] },
  { typeId: "::omero::cmd::OK", base: "::omero::cmd::Response", members: [] },
  {
    typeId: "::omero::cmd::CurrentSessionsResponse",
    base: "::omero::cmd::OK",
    members: [
      ["sessions", { seq: "class" }],
      ["contexts", { seq: "class" }],
      ["data", { seq: { dict: ["string", "class"] } }],
    ],
  },
  {
    typeId: "::omero::cmd::ERR",
    base: "::omero::cmd::Response",
    members: [["category", "string"], ["name", "string"], [
      "parameters",
      { dict: ["string", "string"] },
    ]],
  },
  { typeId: "::omero::cmd::Unknown", base: "::omero::cmd::ERR", members: [] },
];

const serverError = (name: string, base: string, members: Members = []): TypeDefinition => ({
  typeId: `::omero::${name}`,
  base: `::omero::${base}`,
  members,
});

/** `::omero::ServerError` and the subclasses a session call can raise. */
export const SERVER_ERRORS: TypeDefinition[] = [
  {
    typeId: "::omero::ServerError",
    members: [["serverStackTrace", "string"], ["serverExceptionClass", "string"], [
      "message",
      "string",
    ]],
  },
  serverError("SessionException", "ServerError"),
  serverError("RemovedSessionException", "SessionException"),
  serverError("SessionTimeoutException", "SessionException"),
  serverError("ShutdownInProgress", "SessionException"),
  serverError("InternalException", "ServerError"),
  serverError("ResourceError", "ServerError"),
  serverError("NoProcessorAvailable", "ResourceError", [["processorCount", "int"]]),
  serverError("ConcurrencyException", "ServerError", [["backOff", "long"]]),
  serverError("ConcurrentModification", "ConcurrencyException"),
  serverError("DatabaseBusyException", "ConcurrencyException"),
  serverError("OptimisticLockException", "ConcurrencyException"),
  serverError("LockTimeout", "ConcurrencyException", [["seconds", "int"]]),
  serverError("TryAgain", "ConcurrencyException"),
  serverError("ApiUsageException", "ServerError"),
  serverError("OverUsageException", "ApiUsageException"),
  serverError("QueryException", "ApiUsageException"),
  serverError("ValidationException", "ApiUsageException"),
  serverError("SecurityViolation", "ServerError"),
  serverError("GroupSecurityViolation", "SecurityViolation"),
  serverError("PermissionMismatchGroupSecurityViolation", "SecurityViolation"),
  serverError("ReadOnlyGroupSecurityViolation", "SecurityViolation"),
];

/** OMERO's subclasses of `::Glacier2::CannotCreateSessionException` (base declared by Ice). */
export const CREATE_SESSION_ERRORS: TypeDefinition[] = [
  {
    typeId: "::omero::AuthenticationException",
    base: "::Glacier2::CannotCreateSessionException",
    members: [],
  },
  {
    typeId: "::omero::ExpiredCredentialException",
    base: "::Glacier2::CannotCreateSessionException",
    members: [],
  },
  {
    typeId: "::omero::WrappedCreateSessionException",
    base: "::Glacier2::CannotCreateSessionException",
    members: [["concurrency", "bool"], ["backOff", "long"], ["type", "string"]],
  },
];
