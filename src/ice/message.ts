// Ice protocol 1.0 messages: the 14-byte header, requests, replies and the header-only
// ValidateConnection / CloseConnection, plus a framer that cuts a byte stream into messages.
import {
  CompressionNotSupportedError,
  FacetNotExistError,
  MarshalError,
  MessageTooLargeError,
  ObjectNotExistError,
  OperationNotExistError,
  ProtocolError,
  UnknownError,
  UnknownLocalError,
  UnknownUserError,
} from "./errors.ts";
import { InputStream } from "./input-stream.ts";
import { OutputStream } from "./output-stream.ts";
import type { Identity, OperationMode } from "./types.ts";
import type { TypeRegistry } from "./values.ts";

export const MessageType = {
  Request: 0,
  BatchRequest: 1,
  Reply: 2,
  ValidateConnection: 3,
  CloseConnection: 4,
} as const;
export type MessageType = typeof MessageType[keyof typeof MessageType];

export const ReplyStatus = {
  Ok: 0,
  UserException: 1,
  ObjectNotExist: 2,
  FacetNotExist: 3,
  OperationNotExist: 4,
  UnknownLocalException: 5,
  UnknownUserException: 6,
  UnknownException: 7,
} as const;

export const HEADER_SIZE = 14;
/** Larger messages are refused (OMERO's own servers allow 64 MiB too). */
const MAX_MESSAGE_SIZE = 64 * 1024 * 1024;

const MAGIC = [0x49, 0x63, 0x65, 0x50]; // "IceP"

export interface MessageHeader {
  type: MessageType;
  compression: number;
  /** Total size including the header. */
  size: number;
}

/** Validates a received header (magic, versions, type, size, compression). */
export function parseHeader(bytes: Uint8Array): MessageHeader {
  if (bytes.length < HEADER_SIZE) throw new ProtocolError("truncated message header");
  if (MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new ProtocolError(`not an Ice peer (bad magic ${describeBytes(bytes.subarray(0, 4))})`);
  }
  if (bytes[4] !== 1 || bytes[5] !== 0) {
    throw new ProtocolError(`unsupported Ice protocol ${bytes[4]}.${bytes[5]}`);
  }
  if (bytes[6] !== 1 || bytes[7] !== 0) {
    throw new ProtocolError(`unsupported Ice protocol encoding ${bytes[6]}.${bytes[7]}`);
  }
  const type = bytes[8];
  if (type > MessageType.CloseConnection) throw new ProtocolError(`unknown message type ${type}`);
  const compression = bytes[9];
  if (compression === 2) {
    throw new CompressionNotSupportedError("compressed Ice messages are not supported");
  }
  if (compression > 2) throw new ProtocolError(`invalid compression status ${compression}`);
  const size = new DataView(bytes.buffer, bytes.byteOffset + 10, 4).getInt32(0, true);
  if (size < HEADER_SIZE) throw new ProtocolError(`illegal message size ${size}`);
  if (size > MAX_MESSAGE_SIZE) {
    throw new MessageTooLargeError(
      `message of ${size} bytes exceeds the ${MAX_MESSAGE_SIZE}-byte limit`,
    );
  }
  if (
    (type === MessageType.ValidateConnection || type === MessageType.CloseConnection) &&
    size !== HEADER_SIZE
  ) {
    throw new ProtocolError(`illegal size ${size} for a header-only message`);
  }
  return { type: type as MessageType, compression, size };
}

function describeBytes(b: Uint8Array): string {
  const text = new TextDecoder().decode(b);
  return /^[\x20-\x7e]+$/.test(text) ? JSON.stringify(text) : Array.from(b, hex).join(" ");
}

function hex(b: number): string {
  return b.toString(16).padStart(2, "0");
}

/** A whole message with its header fields filled in. */
function frame(type: MessageType, body: Uint8Array): Uint8Array {
  const out = new OutputStream();
  out.writeBytes(new Uint8Array(MAGIC));
  out.writeBytes(new Uint8Array([1, 0, 1, 0, type, 0]));
  out.writeInt(HEADER_SIZE + body.length);
  out.writeBytes(body);
  return out.finished();
}

export const validateConnectionMessage: Uint8Array = frame(
  MessageType.ValidateConnection,
  new Uint8Array(0),
);
export const closeConnectionMessage: Uint8Array = frame(
  MessageType.CloseConnection,
  new Uint8Array(0),
);

export interface RequestMessage {
  /** 0 for oneway. */
  requestId: number;
  identity: Identity;
  facet?: string;
  operation: string;
  mode: OperationMode;
  context?: Readonly<Record<string, string>>;
  /** The parameters as a complete encapsulation (size, version, payload). */
  params: Uint8Array;
}

export function encodeRequest(r: RequestMessage): Uint8Array {
  const out = new OutputStream();
  out.writeInt(r.requestId);
  writeTarget(out, r.identity, r.facet ?? "", r.operation);
  out.writeByte(r.mode);
  out.writeStringDict(r.context ?? {});
  out.writeBytes(r.params);
  return frame(MessageType.Request, out.finished());
}

/** Reads a request body (after the header); `params` is the raw encapsulation. */
export function decodeRequest(body: Uint8Array): RequestMessage {
  const input = new InputStream(body);
  const requestId = input.readInt();
  const { identity, facet, operation } = readTarget(input);
  const mode = input.readByte();
  if (mode > 2) throw new MarshalError(`invalid operation mode ${mode}`);
  const context = input.readStringDict();
  const paramsStart = input.pos;
  input.readEncapsulationBytes();
  if (input.remaining !== 0) throw new MarshalError("trailing bytes after request parameters");
  return {
    requestId,
    identity,
    facet,
    operation,
    mode: mode as OperationMode,
    context,
    params: body.slice(paramsStart),
  };
}

function writeTarget(out: OutputStream, identity: Identity, facet: string, operation: string) {
  out.writeIdentity(identity);
  out.writeStringSeq(facet ? [facet] : []);
  out.writeString(operation);
}

function readTarget(input: InputStream): { identity: Identity; facet: string; operation: string } {
  const identity = input.readIdentity();
  const facets = input.readStringSeq();
  if (facets.length > 1) throw new MarshalError("more than one facet");
  return { identity, facet: facets[0] ?? "", operation: input.readString() };
}

/** A decoded reply: params for status 0, or the typed error the status stands for. */
export type Reply =
  | { requestId: number; status: 0; params: InputStream }
  | { requestId: number; status: number; error: Error };

/**
 * Decodes a reply body (after the header). For status 0 `params` is positioned at the first
 * out-parameter inside the reply encapsulation; user exceptions are decoded with `registry`.
 */
export function decodeReply(body: Uint8Array, registry?: TypeRegistry): Reply {
  const input = new InputStream(body, { registry });
  const requestId = input.readInt();
  const status = input.readByte();
  switch (status) {
    case ReplyStatus.Ok:
      input.startEncapsulation();
      return { requestId, status, params: input };
    case ReplyStatus.UserException:
      return { requestId, status, error: readUserException(input) };
    case ReplyStatus.ObjectNotExist:
    case ReplyStatus.FacetNotExist:
    case ReplyStatus.OperationNotExist: {
      const { identity, facet, operation } = readTarget(input);
      const error = status === ReplyStatus.ObjectNotExist
        ? new ObjectNotExistError(identity, facet, operation)
        : status === ReplyStatus.FacetNotExist
        ? new FacetNotExistError(identity, facet, operation)
        : new OperationNotExistError(identity, facet, operation);
      return { requestId, status, error };
    }
    case ReplyStatus.UnknownLocalException:
      return { requestId, status, error: new UnknownLocalError(input.readString()) };
    case ReplyStatus.UnknownUserException:
      return { requestId, status, error: new UnknownUserError(input.readString()) };
    case ReplyStatus.UnknownException:
      return { requestId, status, error: new UnknownError(input.readString()) };
    default:
      throw new ProtocolError(`unknown reply status ${status}`);
  }
}

/** A malformed exception fails only its own call, since the message framing is still intact. */
function readUserException(input: InputStream): Error {
  try {
    input.startEncapsulation();
    const error = input.readException();
    input.endEncapsulation();
    return error;
  } catch (e) {
    if (!(e instanceof MarshalError)) throw e;
    return new MarshalError(`cannot decode the user exception in a reply: ${e.message}`, {
      cause: e,
    });
  }
}

/** What a peer answers; used by our test servers and to refuse callbacks we do not host. */
export type ReplyBody =
  | { status: 0 | 1; encapsulation: Uint8Array }
  | { status: 2 | 3 | 4; identity: Identity; facet: string; operation: string }
  | { status: 5 | 6 | 7; text: string };

export function encodeReply(requestId: number, reply: ReplyBody): Uint8Array {
  const out = new OutputStream();
  out.writeInt(requestId);
  out.writeByte(reply.status);
  if ("encapsulation" in reply) out.writeBytes(reply.encapsulation);
  else if ("text" in reply) out.writeString(reply.text);
  else writeTarget(out, reply.identity, reply.facet, reply.operation);
  return frame(MessageType.Reply, out.finished());
}

/**
 * Cuts a received byte stream into messages (transports may split or merge them arbitrarily).
 * Headers are validated as soon as 14 bytes are in, so oversized or foreign input is refused
 * before its body is buffered.
 */
export class MessageFramer {
  #chunks: Uint8Array[] = [];
  #buffered = 0;
  #header: MessageHeader | undefined;

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
  }

  /** The next complete message, or undefined if more bytes are needed; throws on a bad header. */
  next(): { header: MessageHeader; body: Uint8Array } | undefined {
    if (!this.#header) {
      if (this.#buffered < HEADER_SIZE) return undefined;
      this.#header = parseHeader(this.#take(HEADER_SIZE));
    }
    const bodySize = this.#header.size - HEADER_SIZE;
    if (this.#buffered < bodySize) return undefined;
    const header = this.#header;
    this.#header = undefined;
    return { header, body: this.#take(bodySize) };
  }

  #take(n: number): Uint8Array {
    const first = this.#chunks[0];
    let result: Uint8Array;
    if (first && first.length >= n) {
      result = first.subarray(0, n);
      if (first.length === n) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(n);
    } else {
      result = new Uint8Array(n);
      let filled = 0;
      while (filled < n) {
        const c = this.#chunks[0];
        const part = Math.min(c.length, n - filled);
        result.set(c.subarray(0, part), filled);
        filled += part;
        if (part === c.length) this.#chunks.shift();
        else this.#chunks[0] = c.subarray(part);
      }
    }
    this.#buffered -= n;
    return result;
  }
}
