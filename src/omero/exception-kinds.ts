// Which Slice exception a UserException is, including through its bases: OMERO servers raise
// subclasses (GroupSecurityViolation…) where callers care about the family (SecurityViolation).
import { UserException } from "../ice/errors.ts";
import { OMERO_TYPES as lineage } from "./registry.ts";

/** True when `error` is a user exception of type `typeId` or of a subclass of it. */
export function isUserException(error: unknown, typeId: string): boolean {
  if (!(error instanceof UserException)) return false;
  for (const id of new Set([error.typeId, error.knownTypeId])) {
    if (id === undefined) continue;
    if (id === typeId) return true;
    if (lineage.hasException(id) && lineage.exceptionChain(id).some((d) => d.typeId === typeId)) {
      return true;
    }
  }
  return false;
}

/** The server's own text: `reason` for Glacier2 exceptions, `message` for OMERO ones. */
export function serverText(error: UserException): string {
  const { reason, message } = error.value;
  if (typeof reason === "string" && reason) return reason;
  if (typeof message === "string" && message) return message;
  return error.typeId;
}

/** "::omero::SecurityViolation" → "SecurityViolation". */
export function shortTypeName(typeId: string): string {
  return typeId.slice(typeId.lastIndexOf("::") + 2);
}

export const TypeIds = {
  permissionDenied: "::Glacier2::PermissionDeniedException",
  cannotCreateSession: "::Glacier2::CannotCreateSessionException",
  sessionNotExist: "::Glacier2::SessionNotExistException",
  securityViolation: "::omero::SecurityViolation",
  apiUsage: "::omero::ApiUsageException",
  sessionException: "::omero::SessionException",
  removedSession: "::omero::RemovedSessionException",
} as const;
