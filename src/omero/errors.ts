// What went wrong when talking to an OMERO server, as kinds that callers test with
// `instanceof` (never by exit code or message text). Each carries what its callers need: whether
// an unreachable server is worth retrying, the server exception's type id. (A refused TLS
// certificate is the trust policy's own kind, src/trust/errors.ts.) The messages are complete sentences for the user; which exit code each
// kind means is decided where the process ends (src/cli/exit-code.ts).
import { CliError } from "../errors.ts";
import type { UserException } from "../ice/errors.ts";
import { isUserException } from "./exception-kinds.ts";

export class OmeroError extends CliError {}

/** The server says the session does not exist: expired, closed, or never was. */
export class SessionGoneError extends OmeroError {}

/** Glacier2 refused the credentials: a wrong user name or password, or an unknown key. */
export class AuthenticationRefusedError extends OmeroError {}

/** The server refused the operation (SecurityViolation: not an admin, not a group member…). */
export class PermissionDeniedError extends OmeroError {}

/**
 * The server could not be reached or talked to. `transient` failures (connection refused, a
 * connect timeout, a temporary DNS failure, a connection the server closed or lost) may go away
 * by themselves; the others (a name that does not resolve, a peer that is not an Ice server, a
 * TLS failure) will not, so retrying them only wastes time.
 */
export class UnreachableError extends OmeroError {
  constructor(message: string, readonly transient: boolean, options?: ErrorOptions) {
    super(message, options);
  }
}

/** Something answered, but not an OMERO (Ice) server: HTTP, the wrong protocol, garbage. */
export class NotAnIceServerError extends UnreachableError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, false, options);
  }
}

/** The TLS handshake failed: protocol or cipher mismatch, a peer that does not speak TLS. */
export class TlsFailedError extends UnreachableError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, false, options);
  }
}

/** Any other exception the server raised, with its Slice type id (e.g. ApiUsageException). */
export class ServerError extends OmeroError {
  constructor(message: string, readonly exception: UserException) {
    super(message, { cause: exception });
  }

  get typeId(): string {
    return this.exception.typeId;
  }

  /** True when the server's exception is `typeId` or a subclass of it. */
  is(typeId: string): boolean {
    return isUserException(this.exception, typeId);
  }
}

/** A command (CurrentSessionsRequest, UpdateSessionTimeoutRequest…) answered with an error. */
export class CommandFailedError extends OmeroError {
  constructor(readonly errorName: string) {
    super(`CmdError: ${errorName}`);
  }
}

/** The server answered, but not as OMERO does (no session, no handle, no result in time). */
export class UnexpectedAnswerError extends OmeroError {}
