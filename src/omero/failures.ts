// Every Ice failure of a call to an OMERO server becomes one kind of src/omero/errors.ts here,
// with its message: this is where we still know what happened. `target` names what we talked
// to, e.g. "omero.example.org:4064". Errors that are not Ice's (a trust policy's own refusal,
// a programming error) pass through unchanged.
import * as ice from "../ice/errors.ts";
import {
  AuthenticationRefusedError,
  NotAnIceServerError,
  OmeroError,
  PermissionDeniedError,
  ServerError,
  SessionGoneError,
  TlsFailedError,
  UnexpectedAnswerError,
  UnreachableError,
} from "./errors.ts";
import { isUserException, serverText, shortTypeName, TypeIds } from "./exception-kinds.ts";

export function omeroFailure(error: unknown, target: string): unknown {
  if (error instanceof OmeroError) return error;
  if (error instanceof ice.UserException) return fromUserException(error);
  if (error instanceof ice.IceError) return fromIceError(error, target);
  return error;
}

function fromIceError(error: ice.IceError, target: string): OmeroError {
  const detail = error.message;
  const cause = { cause: error };
  if (error instanceof ice.DnsError) {
    return new UnreachableError(
      `${target}: host name not found (${detail})`,
      error.temporary,
      cause,
    );
  }
  if (error instanceof ice.ConnectionRefusedError) {
    return new UnreachableError(
      `${target}: connection refused, is the server running?`,
      true,
      cause,
    );
  }
  if (error instanceof ice.NoValidationError) {
    return new NotAnIceServerError(`${target}: not an OMERO (Ice) server (${detail})`, cause);
  }
  if (error instanceof ice.ConnectTimeoutError) {
    return new UnreachableError(`${target}: no answer within the connect timeout`, true, cause);
  }
  if (error instanceof ice.ConnectFailedError) {
    return new UnreachableError(`${target}: cannot connect (${detail})`, true, cause);
  }
  if (error instanceof ice.TlsHandshakeError) {
    // Anonymous-DH / TLS 1.0 were OMERO's IceSSL defaults for years; its other ports still work.
    const legacy = error.reason === "legacy-only" || error.reason === "dropped";
    return new TlsFailedError(
      legacy
        ? `${detail}. OMERO's former IceSSL defaults are like that: connect with ` +
          `tcp://${error.host} or a wss:// URL, or ask the administrator to configure a ` +
          `certificate (omero-certificates).`
        : detail,
      cause,
    );
  }
  if (error instanceof ice.WebSocketError) {
    return new NotAnIceServerError(`${target}: WebSocket connection failed (${detail})`, cause);
  }
  if (error instanceof ice.ProtocolError) {
    return new NotAnIceServerError(`${target}: not an OMERO (Ice) server (${detail})`, cause);
  }
  if (error instanceof ice.ConnectionLostError || error instanceof ice.CloseConnectionError) {
    return new UnreachableError(`${target}: connection lost (${detail})`, true, cause);
  }
  if (error instanceof ice.InvocationTimeoutError) {
    return new UnreachableError(`${target}: the server did not answer in time`, true, cause);
  }
  return new UnexpectedAnswerError(`${target}: ${detail}`, cause);
}

function fromUserException(error: ice.UserException): OmeroError {
  const text = serverText(error);
  if (isUserException(error, TypeIds.permissionDenied)) {
    return new AuthenticationRefusedError(text, { cause: error });
  }
  if (isUserException(error, TypeIds.securityViolation)) {
    return new PermissionDeniedError(`SecurityViolation: ${text}`, { cause: error });
  }
  if (
    isUserException(error, TypeIds.sessionException) ||
    isUserException(error, TypeIds.sessionNotExist)
  ) {
    return new SessionGoneError(`session expired or closed: ${text}`, { cause: error });
  }
  if (isUserException(error, TypeIds.cannotCreateSession)) {
    return new ServerError(`cannot create a session: ${text}`, error);
  }
  return new ServerError(`${shortTypeName(error.typeId)}: ${text}`, error);
}
