// Decoder for the Ice data encoding. Every read is bounds-checked against the end of the current
// encapsulation, and every count is checked against the bytes left before anything is
// allocated, so hostile input can only ever produce a MarshalError.
import { MarshalError, UserException } from "./errors.ts";
import { isEncoding10 } from "./output-stream.ts";
import {
  Encoding_1_0,
  type EncodingVersion,
  type Endpoint,
  EndpointType,
  type Identity,
  type IpTransport,
  type Proxy,
} from "./types.ts";
import {
  ICE_OBJECT_TYPE_ID,
  IceValue,
  minWireSize,
  type TypeDesc,
  TypeRegistry,
} from "./values.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true });
const SHORT_STRING = 64;

const TRANSPORT_BY_TYPE = new Map<number, IpTransport>(
  Object.entries(EndpointType).map(([k, v]) => [v, k as IpTransport]),
);

/** id, type-id flag and index, slice size, empty facet map: the smallest possible instance. */
const MIN_INSTANCE_BYTES = 11;

interface Encapsulation {
  end: number;
  encoding: EncodingVersion;
  /** Instances by id; a reference creates an empty shell that the instance later fills. */
  instances: Map<number, IceValue>;
  filled: Set<number>;
  /** Type ids in order of first appearance; index i+1 refers to typeIds[i]. */
  typeIds: string[];
}

export interface InputStreamOptions {
  /** Encoding outside any encapsulation (message bodies are 1.0). */
  encoding?: EncodingVersion;
  registry?: TypeRegistry;
}

export class InputStream {
  readonly #buf: Uint8Array;
  readonly #view: DataView;
  #pos = 0;
  readonly #stack: Encapsulation[] = [];
  readonly #registry: TypeRegistry;

  constructor(bytes: Uint8Array, options: InputStreamOptions = {}) {
    this.#buf = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#registry = options.registry ?? new TypeRegistry();
    this.#stack.push(newEncapsulation(bytes.length, options.encoding ?? Encoding_1_0));
  }

  get #top(): Encapsulation {
    return this.#stack[this.#stack.length - 1];
  }

  get encoding(): EncodingVersion {
    return this.#top.encoding;
  }

  get pos(): number {
    return this.#pos;
  }

  /** Bytes left in the current encapsulation (or the whole buffer outside one). */
  get remaining(): number {
    return this.#top.end - this.#pos;
  }

  #take(n: number): number {
    const at = this.#pos;
    if (n > this.#top.end - at) throw new MarshalError("unmarshal out of bounds");
    this.#pos = at + n;
    return at;
  }

  // --- primitives ---------------------------------------------------------------------------
  readByte(): number {
    return this.#buf[this.#take(1)];
  }

  readBool(): boolean {
    return this.readByte() !== 0;
  }

  readShort(): number {
    return this.#view.getInt16(this.#take(2), true);
  }

  readInt(): number {
    return this.#view.getInt32(this.#take(4), true);
  }

  readLong(): bigint {
    return this.#view.getBigInt64(this.#take(8), true);
  }

  readFloat(): number {
    return this.#view.getFloat32(this.#take(4), true);
  }

  readDouble(): number {
    return this.#view.getFloat64(this.#take(8), true);
  }

  /** A view (not a copy) of the next n bytes. */
  readBytes(n: number): Uint8Array {
    const at = this.#take(n);
    return this.#buf.subarray(at, at + n);
  }

  readSize(): number {
    const b = this.readByte();
    if (b < 255) return b;
    const n = this.readInt();
    if (n < 0) throw new MarshalError(`negative size ${n}`);
    return n;
  }

  /** A count of elements each at least `minBytes` long, refused if the bytes left cannot hold it. */
  readCount(minBytes: number): number {
    const n = this.readSize();
    if (n * Math.max(1, minBytes) > this.remaining) {
      throw new MarshalError(`count ${n} exceeds the ${this.remaining} bytes left`);
    }
    return n;
  }

  readString(): string {
    const n = this.readSize();
    if (n === 0) return "";
    const bytes = this.readBytes(n);
    if (n <= SHORT_STRING) {
      // Type ids, names and uuids are short ASCII: building them directly beats TextDecoder.
      let ascii = "";
      let i = 0;
      for (; i < n && bytes[i] < 0x80; i++) ascii += String.fromCharCode(bytes[i]);
      if (i === n) return ascii;
    }
    try {
      return utf8.decode(bytes);
    } catch (e) {
      if (e instanceof MarshalError) throw e;
      throw new MarshalError("invalid UTF-8 in string");
    }
  }

  readByteSeq(): Uint8Array {
    return this.readBytes(this.readSize()).slice();
  }

  readStringSeq(): string[] {
    const n = this.readCount(1);
    const result = new Array<string>(n);
    for (let i = 0; i < n; i++) result[i] = this.readString();
    return result;
  }

  readStringDict(): Record<string, string> {
    const n = this.readCount(2);
    const result: Record<string, string> = {};
    for (let i = 0; i < n; i++) {
      const k = this.readString();
      result[k] = this.readString();
    }
    return result;
  }

  readIdentity(): Identity {
    const name = this.readString();
    return { name, category: this.readString() };
  }

  readEnum(maxValue: number): number {
    let v: number;
    if (isEncoding10(this.encoding)) {
      if (maxValue < 127) v = this.readByte();
      else if (maxValue < 32767) v = this.readShort();
      else v = this.readInt();
    } else v = this.readSize();
    if (v < 0 || v > maxValue) {
      throw new MarshalError(`enumerator ${v} out of range 0..${maxValue}`);
    }
    return v;
  }

  // --- encapsulations -----------------------------------------------------------------------
  /** Enters an encapsulation; later reads are bounded by its end. Returns its encoding. */
  startEncapsulation(): EncodingVersion {
    const start = this.#pos;
    const size = this.readInt();
    if (size < 6 || size > this.#top.end - start) {
      throw new MarshalError(`invalid encapsulation size ${size}`);
    }
    const encoding = { major: this.readByte(), minor: this.readByte() };
    if (encoding.major !== 1 || encoding.minor > 1) {
      throw new MarshalError(`unsupported encoding ${encoding.major}.${encoding.minor}`);
    }
    this.#stack.push(newEncapsulation(start + size, encoding));
    return encoding;
  }

  /**
   * Leaves the current encapsulation. Encoding 1.0 must be consumed exactly; in 1.1 trailing
   * optional values we did not ask for are skipped.
   */
  endEncapsulation(): void {
    if (this.#stack.length === 1) throw new MarshalError("endEncapsulation without start");
    const e = this.#top;
    if (e.filled.size < e.instances.size) {
      throw new MarshalError("class references were read but not the pending instances");
    }
    if (isEncoding10(e.encoding) && this.#pos !== e.end) {
      throw new MarshalError(`${e.end - this.#pos} unread bytes at the end of an encapsulation`);
    }
    this.#pos = e.end;
    this.#stack.pop();
  }

  /** Skips a whole encapsulation, returning its encoding and payload bytes. */
  readEncapsulationBytes(): { encoding: EncodingVersion; bytes: Uint8Array } {
    const encoding = this.startEncapsulation();
    const bytes = this.readBytes(this.remaining).slice();
    this.#stack.pop();
    return { encoding, bytes };
  }

  // --- proxies ------------------------------------------------------------------------------
  readProxy(): Proxy | null {
    const identity = this.readIdentity();
    if (identity.name === "") return null;
    const facets = this.readStringSeq();
    if (facets.length > 1) throw new MarshalError("proxy with more than one facet");
    const mode = this.readByte();
    if (mode > 4) throw new MarshalError(`invalid proxy mode ${mode}`);
    const secure = this.readBool();
    const proxy: Proxy = {
      identity,
      facet: facets[0] ?? "",
      mode,
      secure,
      endpoints: [],
      adapterId: "",
    };
    if (!isEncoding10(this.encoding)) {
      proxy.protocol = { major: this.readByte(), minor: this.readByte() };
      proxy.encoding = { major: this.readByte(), minor: this.readByte() };
    }
    const count = this.readCount(8); // short type + 6-byte encapsulation header
    if (count === 0) proxy.adapterId = this.readString();
    for (let i = 0; i < count; i++) proxy.endpoints.push(this.#readEndpoint());
    return proxy;
  }

  #readEndpoint(): Endpoint {
    const type = this.readShort();
    const { encoding, bytes } = this.readEncapsulationBytes();
    const kind = TRANSPORT_BY_TYPE.get(type);
    if (kind) {
      try {
        return parseIpEndpoint(kind, bytes, encoding);
      } catch (e) {
        if (!(e instanceof MarshalError)) throw e;
        // A body we cannot parse exactly is kept opaque so that it is re-sent unchanged.
      }
    }
    return { kind: "opaque", type, encoding, bytes };
  }

  // --- table-driven values ------------------------------------------------------------------
  /** Reads a value of Slice type `type`; class references are shells filled by readPendingValues. */
  read(type: TypeDesc): unknown {
    switch (type) {
      case "bool":
        return this.readBool();
      case "byte":
        return this.readByte();
      case "short":
        return this.readShort();
      case "int":
        return this.readInt();
      case "long":
        return this.readLong();
      case "float":
        return this.readFloat();
      case "double":
        return this.readDouble();
      case "string":
        return this.readString();
      case "class":
        return this.readValue();
      case "proxy":
        return this.readProxy();
    }
    if ("seq" in type) {
      if (type.seq === "byte") return this.readByteSeq();
      const n = this.readCount(minWireSize(type.seq));
      const items = new Array<unknown>(n);
      for (let i = 0; i < n; i++) items[i] = this.read(type.seq);
      return items;
    }
    if ("dict" in type) {
      const [kt, vt] = type.dict;
      const n = this.readCount(minWireSize(kt) + minWireSize(vt));
      const map = new Map<unknown, unknown>();
      for (let i = 0; i < n; i++) {
        const k = this.read(kt);
        map.set(k, this.read(vt));
      }
      return map;
    }
    if ("struct" in type) return this.readMembers(type.struct, {});
    return this.readEnum(type.enum);
  }

  readMembers(
    members: readonly (readonly [string, TypeDesc])[],
    into: Record<string, unknown>,
  ): Record<string, unknown> {
    for (const [name, t] of members) into[name] = this.read(t);
    return into;
  }

  // --- classes (encoding 1.0) ---------------------------------------------------------------
  /** A class reference. The returned instance is empty until readPendingValues() fills it. */
  readValue(): IceValue | null {
    this.#require10("class instances");
    const ref = this.readInt();
    if (ref === 0) return null;
    if (ref > 0) throw new MarshalError(`invalid class reference ${ref}`);
    return this.#shell(-ref);
  }

  #shell(id: number): IceValue {
    const instances = this.#top.instances;
    let value = instances.get(id);
    if (!value) {
      value = new IceValue("", {});
      instances.set(id, value);
    }
    return value;
  }

  /** Reads the pending-instances section and checks that every reference was resolved. */
  readPendingValues(): void {
    this.#require10("class instances");
    const e = this.#top;
    for (
      let n = this.readCount(MIN_INSTANCE_BYTES);
      n > 0;
      n = this.readCount(MIN_INSTANCE_BYTES)
    ) {
      for (let i = 0; i < n; i++) {
        const id = this.readInt();
        if (id <= 0) throw new MarshalError(`invalid instance id ${id}`);
        if (e.filled.has(id)) throw new MarshalError(`instance ${id} sent twice`);
        const value = this.#shell(id);
        e.filled.add(id);
        this.#readInstance(value);
      }
    }
    for (const id of e.instances.keys()) {
      if (!e.filled.has(id)) throw new MarshalError(`reference to instance ${id} never sent`);
    }
  }

  /** Slices most-derived first; unknown ones are skipped down to the first known type. */
  #readInstance(value: IceValue): void {
    let slice = this.#readSliceHeader();
    value.wireTypeId = slice.typeId;
    while (slice.typeId !== ICE_OBJECT_TYPE_ID && !this.#registry.hasClass(slice.typeId)) {
      this.#skipTo(slice.end);
      slice = this.#readSliceHeader();
    }
    value.typeId = slice.typeId;
    if (slice.typeId !== ICE_OBJECT_TYPE_ID) {
      for (const def of this.#registry.classChain(slice.typeId)) {
        if (slice.typeId !== def.typeId) {
          throw new MarshalError(`expected slice ${def.typeId}, got ${slice.typeId}`);
        }
        this.readMembers(def.members, value.members);
        this.#endSlice(slice.end, def.typeId);
        slice = this.#readSliceHeader();
      }
    }
    if (slice.typeId !== ICE_OBJECT_TYPE_ID) {
      throw new MarshalError(`expected slice ${ICE_OBJECT_TYPE_ID}, got ${slice.typeId}`);
    }
    if (this.readSize() !== 0) throw new MarshalError("non-empty facet map in ::Ice::Object");
    this.#endSlice(slice.end, ICE_OBJECT_TYPE_ID);
  }

  #readSliceHeader(): { typeId: string; end: number } {
    const typeIds = this.#top.typeIds;
    let typeId: string;
    if (this.readBool()) {
      const index = this.readSize();
      if (index < 1 || index > typeIds.length) throw new MarshalError(`bad type id index ${index}`);
      typeId = typeIds[index - 1];
    } else {
      typeId = this.readString();
      typeIds.push(typeId);
    }
    return { typeId, end: this.#readSliceSize() };
  }

  #readSliceSize(): number {
    const start = this.#pos;
    const size = this.readInt();
    if (size < 4 || size > this.#top.end - start) throw new MarshalError(`bad slice size ${size}`);
    return start + size;
  }

  #skipTo(end: number): void {
    this.#pos = end;
  }

  #endSlice(end: number, typeId: string): void {
    if (this.#pos !== end) throw new MarshalError(`slice ${typeId} does not match its size`);
  }

  // --- user exceptions ----------------------------------------------------------------------
  /**
   * Decodes a user exception (the payload of a status-1 reply encapsulation). An exception whose
   * most-derived type is unknown is sliced to its first known base; if no slice is known the
   * result has `knownTypeId` undefined and no members.
   */
  readException(): UserException {
    return isEncoding10(this.encoding) ? this.#readException10() : this.#readException11();
  }

  #readException10(): UserException {
    const hasClasses = this.readBool();
    let typeId = this.readString();
    const mostDerived = typeId;
    let end = this.#readSliceSize();
    while (!this.#registry.hasException(typeId)) {
      // 1.0 marks no last slice: running out of well-formed slices means "unknown exception".
      this.#skipTo(end);
      const next = this.#tryReadExceptionSliceHeader();
      if (!next) return new UserException(mostDerived, undefined, {});
      ({ typeId, end } = next);
    }
    const members: Record<string, unknown> = {};
    const chain = this.#registry.exceptionChain(typeId);
    chain.forEach((def, i) => {
      if (i > 0) {
        typeId = this.readString();
        if (typeId !== def.typeId) {
          throw new MarshalError(`expected exception slice ${def.typeId}, got ${typeId}`);
        }
        end = this.#readSliceSize();
      }
      this.readMembers(def.members, members);
      this.#endSlice(end, def.typeId);
    });
    if (hasClasses) this.readPendingValues();
    return new UserException(mostDerived, chain[0].typeId, members);
  }

  #tryReadExceptionSliceHeader(): { typeId: string; end: number } | undefined {
    const start = this.#pos;
    try {
      const typeId = this.readString();
      if (!typeId.startsWith("::")) throw new MarshalError("not a type id");
      return { typeId, end: this.#readSliceSize() };
    } catch (e) {
      if (!(e instanceof MarshalError)) throw e;
      this.#pos = start;
      return undefined;
    }
  }

  /** Encoding 1.1 sliced format (what Glacier2 sends); class members are not supported. */
  #readException11(): UserException {
    let mostDerived: string | undefined;
    const members: Record<string, unknown> = {};
    let known: string | undefined;
    let chain: string[] = [];
    for (;;) {
      const flags = this.readByte();
      // Exception slices always carry their type id as a string, whatever bits 0-1 say.
      if (flags & 0x0c) throw new MarshalError("optional members and indirections not supported");
      const typeId = this.readString();
      mostDerived ??= typeId;
      const end = flags & 0x10 ? this.#readSliceSize() : undefined;
      if (known === undefined && this.#registry.hasException(typeId)) {
        known = typeId;
        chain = this.#registry.exceptionChain(typeId).map((d) => d.typeId);
      }
      if (known !== undefined) {
        if (chain.shift() !== typeId) {
          throw new MarshalError(`unexpected exception slice ${typeId}`);
        }
        this.readMembers(this.#registry.exceptionChain(typeId)[0].members, members);
        if (end !== undefined) this.#endSlice(end, typeId);
      } else if (end !== undefined) this.#skipTo(end);
      else return new UserException(mostDerived, undefined, {}); // compact format: cannot slice
      if (flags & 0x20) break;
    }
    return new UserException(mostDerived, known, known === undefined ? {} : members);
  }

  #require10(what: string): void {
    if (!isEncoding10(this.encoding)) {
      throw new MarshalError(`reading ${what} is only supported in encoding 1.0`);
    }
  }
}

function parseIpEndpoint(
  kind: IpTransport,
  bytes: Uint8Array,
  encoding: EncodingVersion,
): Endpoint {
  const body = new InputStream(bytes, { encoding });
  const endpoint: Endpoint = {
    kind,
    host: body.readString(),
    port: body.readInt(),
    timeout: body.readInt(),
    compress: body.readBool(),
  };
  if (kind === "ws" || kind === "wss") endpoint.resource = body.readString();
  if (body.remaining !== 0) throw new MarshalError("trailing bytes in endpoint");
  return endpoint;
}

function newEncapsulation(end: number, encoding: EncodingVersion): Encapsulation {
  return { end, encoding, instances: new Map(), filled: new Set(), typeIds: [] };
}
