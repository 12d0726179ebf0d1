// Every Ice or OMERO failure becomes one CliError here, so that messages and exit codes
// (SPEC §5) are decided in one place. `target` names what we talked to, e.g.
// "omero.example.org:4064" or "wss://example.org/omero-ws:443".
import {
  AuthError,
  CertificateMismatchError,
  CliError,
  NoSessionError,
  PermissionError,
  UnreachableError,
  UsageError,
} from "./errors.ts";
import * as ice from "./ice/errors.ts";
import { isUserException, serverText, shortTypeName, TypeIds } from "./omero/exception-kinds.ts";

export function toCliError(error: unknown, target: string): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof ice.UserException) return fromUserException(error);
  if (error instanceof ice.IceError) return fromIceError(error, target);
  return new CliError(error instanceof Error ? error.message : String(error));
}

function fromIceError(error: ice.IceError, target: string): CliError {
  const detail = error.message;
  if (error instanceof ice.DnsError) {
    return new UnreachableError(`${target}: host name not found (${detail})`);
  }
  if (error instanceof ice.ConnectionRefusedError) {
    return new UnreachableError(`${target}: connection refused, is the server running?`);
  }
  if (error instanceof ice.ConnectTimeoutError) {
    return new UnreachableError(`${target}: no answer within the connect timeout`);
  }
  if (error instanceof ice.ConnectFailedError) {
    return new UnreachableError(`${target}: cannot connect (${detail})`);
  }
  if (error instanceof ice.TlsHandshakeError) {
    // Anonymous-DH / TLS 1.0 were OMERO's IceSSL defaults for years; its other ports still work.
    const legacy = error.reason === "legacy-only" || error.reason === "dropped";
    return new UnreachableError(
      legacy
        ? `${detail}. OMERO's former IceSSL defaults are like that: connect with ` +
          `tcp://${error.host} or a wss:// URL, or ask the administrator to configure a ` +
          `certificate (omero-certificates).`
        : detail,
    );
  }
  if (error instanceof ice.CertificateMismatchError) {
    return new CertificateMismatchError(
      `${error.hostPort}: the server certificate (SHA-256 ${error.actual}) does not match the ` +
        `one pinned in ${error.knownHostsPath} (${error.expected}). If it was changed on ` +
        `purpose, run: omero-sessions trust forget ${error.hostPort}`,
    );
  }
  if (error instanceof ice.KnownHostsFileError) return new CliError(detail);
  if (error instanceof ice.WebSocketError) {
    return new UnreachableError(`${target}: WebSocket connection failed (${detail})`);
  }
  if (error instanceof ice.ProxyParseError) return new UsageError(detail);
  if (error instanceof ice.ProtocolError) {
    return new UnreachableError(`${target}: not an OMERO (Ice) server (${detail})`);
  }
  if (error instanceof ice.ConnectionLostError || error instanceof ice.CloseConnectionError) {
    return new UnreachableError(`${target}: connection lost (${detail})`);
  }
  if (error instanceof ice.InvocationTimeoutError) {
    return new UnreachableError(`${target}: the server did not answer in time`);
  }
  return new CliError(`${target}: ${detail}`);
}

function fromUserException(error: ice.UserException): CliError {
  const text = serverText(error);
  if (isUserException(error, TypeIds.permissionDenied)) return new AuthError(text);
  if (isUserException(error, TypeIds.securityViolation)) {
    return new PermissionError(`SecurityViolation: ${text}`);
  }
  if (
    isUserException(error, TypeIds.sessionException) ||
    isUserException(error, TypeIds.sessionNotExist)
  ) {
    return new NoSessionError(`session expired or closed: ${text}`);
  }
  if (isUserException(error, TypeIds.cannotCreateSession)) {
    return new CliError(`cannot create a session: ${text}`);
  }
  return new CliError(`${shortTypeName(error.typeId)}: ${text}`);
}
