// Typed Ice failures. Nothing here knows about OMERO or about exit codes: src/omero/ turns
// them into its own kinds.
import type { Identity } from "./types.ts";

export class IceError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

// --- establishing a connection ---------------------------------------------------------
export class DnsError extends IceError {
  constructor(
    message: string,
    /** The resolver could not answer now (EAI_AGAIN), as opposed to "no such host". */
    readonly temporary: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
export class ConnectionRefusedError extends IceError {}
export class ConnectFailedError extends IceError {}
export class ConnectTimeoutError extends IceError {}
/** Connected, but the peer sent no Ice ValidateConnection in time (it may not speak Ice). */
export class NoValidationError extends ConnectTimeoutError {}
/** TLS handshake failed (cipher/protocol mismatch, anonymous-DH-only server, not TLS at all). */
export class TlsHandshakeError extends IceError {
  constructor(
    message: string,
    /**
     * `legacy-only`: the server offers only anonymous Diffie-Hellman ciphers or TLS below 1.2;
     * `dropped`: it closed the connection during the handshake without saying why (often the
     * same cause); `not-tls`: it did not answer with TLS at all; `other`: anything else.
     */
    readonly reason: "legacy-only" | "dropped" | "not-tls" | "other",
    /** The host the connection was for, e.g. to suggest another transport to it. */
    readonly host: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
/** WebSocket upgrade refused or framing violated. */
export class WebSocketError extends IceError {}

// --- an established connection ----------------------------------------------------------
/** The peer does not speak Ice 1.0 (bad magic, versions, first message not ValidateConnection). */
export class ProtocolError extends IceError {}
export class MessageTooLargeError extends ProtocolError {}
export class CompressionNotSupportedError extends ProtocolError {}
/** Socket closed or reset without a CloseConnection message. */
export class ConnectionLostError extends IceError {}
/** The peer sent CloseConnection; pending requests were not dispatched. */
export class CloseConnectionError extends IceError {}
/** This side closed the connection (close()); calls still pending or made later fail with it. */
export class ConnectionClosedError extends IceError {}
/** A per-call deadline passed. */
export class InvocationTimeoutError extends IceError {}
/** The caller aborted the call. */
export class InvocationCanceledError extends IceError {}

// --- decoding ---------------------------------------------------------------------------
export class MarshalError extends IceError {}

// --- reply statuses 2..7 ----------------------------------------------------------------
export class RequestFailedError extends IceError {
  constructor(
    kind: string,
    readonly identity: Identity,
    readonly facet: string,
    readonly operation: string,
  ) {
    const id = identity.category ? `${identity.category}/${identity.name}` : identity.name;
    super(`${kind}: ${id}${facet ? ` -f ${facet}` : ""} operation ${operation}`);
  }
}
export class ObjectNotExistError extends RequestFailedError {
  constructor(identity: Identity, facet: string, operation: string) {
    super("object does not exist", identity, facet, operation);
  }
}
export class FacetNotExistError extends RequestFailedError {
  constructor(identity: Identity, facet: string, operation: string) {
    super("facet does not exist", identity, facet, operation);
  }
}
export class OperationNotExistError extends RequestFailedError {
  constructor(identity: Identity, facet: string, operation: string) {
    super("operation does not exist", identity, facet, operation);
  }
}
/** Reply statuses 5, 6, 7: the server's description is all we get. */
export class UnknownLocalError extends IceError {}
export class UnknownUserError extends IceError {}
export class UnknownError extends IceError {}

/**
 * A user exception (reply status 1). `typeId` is the most-derived type id on the wire;
 * `knownTypeId` the most-derived one we could decode (the rest were sliced off); `value`
 * holds the decoded members of all known slices.
 */
export class UserException extends IceError {
  constructor(
    readonly typeId: string,
    readonly knownTypeId: string | undefined,
    readonly value: Record<string, unknown>,
  ) {
    super(
      `${typeId}${typeof value.reason === "string" ? `: ${value.reason}` : ""}${
        typeof value.message === "string" && value.message ? `: ${value.message}` : ""
      }`,
    );
  }
}
