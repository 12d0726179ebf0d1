// Encoder for the Ice data encoding (1.0 complete; 1.1 for everything except classes and
// exceptions, which we never send). No alignment, little-endian, growable buffer.
import { MarshalError } from "./errors.ts";
import {
  Encoding_1_0,
  type EncodingVersion,
  type Endpoint,
  EndpointType,
  type Identity,
  type Proxy,
} from "./types.ts";
import {
  ICE_OBJECT_TYPE_ID,
  IceValue,
  type TypeDesc,
  TypeRegistry,
  usesClasses,
} from "./values.ts";

const utf8 = new TextEncoder();

/** Per-encapsulation class state (ids and type-id indices never cross encapsulations). */
interface Encapsulation {
  start: number;
  encoding: EncodingVersion;
  instanceIds: Map<IceValue, number>;
  pending: IceValue[];
  typeIdIndices: Map<string, number>;
}

export interface OutputStreamOptions {
  /** Encoding outside any encapsulation (message bodies are 1.0). */
  encoding?: EncodingVersion;
  /** Class and exception declarations, needed to write class instances and exceptions. */
  registry?: TypeRegistry;
}

export class OutputStream {
  #buf = new Uint8Array(256);
  #view = new DataView(this.#buf.buffer);
  #pos = 0;
  readonly #stack: Encapsulation[] = [];
  readonly #registry: TypeRegistry;

  constructor(options: OutputStreamOptions = {}) {
    this.#registry = options.registry ?? new TypeRegistry();
    this.#stack.push(newEncapsulation(0, options.encoding ?? Encoding_1_0));
  }

  get encoding(): EncodingVersion {
    return this.#top.encoding;
  }

  get size(): number {
    return this.#pos;
  }

  /** The bytes written so far (a copy, so the stream may go on being used). */
  finished(): Uint8Array {
    return this.#buf.slice(0, this.#pos);
  }

  get #top(): Encapsulation {
    return this.#stack[this.#stack.length - 1];
  }

  /** Makes room for n bytes and returns their offset; the buffer may be replaced. */
  #reserve(n: number): number {
    const at = this.#pos;
    if (at + n > this.#buf.length) {
      const grown = new Uint8Array(Math.max(this.#buf.length * 2, at + n));
      grown.set(this.#buf.subarray(0, at));
      this.#buf = grown;
      this.#view = new DataView(grown.buffer);
    }
    this.#pos += n;
    return at;
  }

  // --- primitives ---------------------------------------------------------------------------
  writeByte(v: number): void {
    const at = this.#reserve(1);
    this.#buf[at] = v;
  }

  writeBool(v: boolean): void {
    this.writeByte(v ? 1 : 0);
  }

  writeShort(v: number): void {
    const at = this.#reserve(2);
    this.#view.setInt16(at, v, true);
  }

  writeInt(v: number): void {
    const at = this.#reserve(4);
    this.#view.setInt32(at, v, true);
  }

  writeLong(v: bigint): void {
    const at = this.#reserve(8);
    this.#view.setBigInt64(at, v, true);
  }

  writeFloat(v: number): void {
    const at = this.#reserve(4);
    this.#view.setFloat32(at, v, true);
  }

  writeDouble(v: number): void {
    const at = this.#reserve(8);
    this.#view.setFloat64(at, v, true);
  }

  writeBytes(bytes: Uint8Array): void {
    const at = this.#reserve(bytes.length);
    this.#buf.set(bytes, at);
  }

  /** A count or length: one byte below 255, else 255 and an int32. */
  writeSize(n: number): void {
    if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) {
      throw new MarshalError(`invalid size ${n}`);
    }
    if (n < 255) this.writeByte(n);
    else {
      this.writeByte(255);
      this.writeInt(n);
    }
  }

  writeString(s: string): void {
    const bytes = utf8.encode(s);
    this.writeSize(bytes.length);
    this.writeBytes(bytes);
  }

  writeByteSeq(bytes: Uint8Array): void {
    this.writeSize(bytes.length);
    this.writeBytes(bytes);
  }

  writeStringSeq(items: readonly string[]): void {
    this.writeSize(items.length);
    for (const s of items) this.writeString(s);
  }

  /** `Ice::Context` and other dictionary<string, string>. */
  writeStringDict(dict: Readonly<Record<string, string>>): void {
    const entries = Object.entries(dict);
    this.writeSize(entries.length);
    for (const [k, v] of entries) {
      this.writeString(k);
      this.writeString(v);
    }
  }

  writeIdentity(id: Identity): void {
    this.writeString(id.name);
    this.writeString(id.category);
  }

  /** Encoding 1.0: fixed width from the largest enumerator; 1.1: a size. */
  writeEnum(value: number, maxValue: number): void {
    if (!Number.isInteger(value) || value < 0 || value > maxValue) {
      throw new MarshalError(`enumerator ${value} out of range 0..${maxValue}`);
    }
    if (isEncoding10(this.encoding)) {
      if (maxValue < 127) this.writeByte(value);
      else if (maxValue < 32767) this.writeShort(value);
      else this.writeInt(value);
    } else this.writeSize(value);
  }

  // --- encapsulations -----------------------------------------------------------------------
  startEncapsulation(encoding: EncodingVersion = Encoding_1_0): void {
    this.#stack.push(newEncapsulation(this.#pos, encoding));
    this.writeInt(0); // size, patched by endEncapsulation
    this.writeByte(encoding.major);
    this.writeByte(encoding.minor);
  }

  endEncapsulation(): void {
    if (this.#stack.length === 1) throw new MarshalError("endEncapsulation without start");
    const e = this.#stack.pop()!;
    if (e.pending.length > 0) {
      throw new MarshalError("class instances written but writePendingValues() not called");
    }
    this.#view.setInt32(e.start, this.#pos - e.start, true);
  }

  /** An encapsulation with no parameters. */
  writeEmptyEncapsulation(encoding: EncodingVersion = Encoding_1_0): void {
    this.startEncapsulation(encoding);
    this.endEncapsulation();
  }

  // --- proxies ------------------------------------------------------------------------------
  writeProxy(proxy: Proxy | null): void {
    if (!proxy) {
      this.writeIdentity({ name: "", category: "" });
      return;
    }
    this.writeIdentity(proxy.identity);
    this.writeStringSeq(proxy.facet ? [proxy.facet] : []);
    this.writeByte(proxy.mode);
    this.writeBool(proxy.secure);
    if (!isEncoding10(this.encoding)) {
      const protocol = proxy.protocol ?? Encoding_1_0;
      const encoding = proxy.encoding ?? Encoding_1_0;
      this.writeByte(protocol.major);
      this.writeByte(protocol.minor);
      this.writeByte(encoding.major);
      this.writeByte(encoding.minor);
    }
    this.writeSize(proxy.endpoints.length);
    if (proxy.endpoints.length === 0) this.writeString(proxy.adapterId);
    for (const e of proxy.endpoints) this.#writeEndpoint(e);
  }

  #writeEndpoint(e: Endpoint): void {
    if (e.kind === "opaque") {
      this.writeShort(e.type);
      this.writeInt(6 + e.bytes.length);
      this.writeByte(e.encoding.major);
      this.writeByte(e.encoding.minor);
      this.writeBytes(e.bytes);
      return;
    }
    this.writeShort(EndpointType[e.kind]);
    this.startEncapsulation(this.encoding);
    this.writeString(e.host);
    this.writeInt(e.port);
    this.writeInt(e.timeout);
    this.writeBool(e.compress);
    if (e.kind === "ws" || e.kind === "wss") this.writeString(e.resource ?? "/");
    this.endEncapsulation();
  }

  // --- table-driven values ------------------------------------------------------------------
  /** Writes `value` as Slice type `type` (class references are queued, see writePendingValues). */
  write(type: TypeDesc, value: unknown): void {
    switch (type) {
      case "bool":
        return this.writeBool(value as boolean);
      case "byte":
        return this.writeByte(value as number);
      case "short":
        return this.writeShort(value as number);
      case "int":
        return this.writeInt(value as number);
      case "long":
        return this.writeLong(value as bigint);
      case "float":
        return this.writeFloat(value as number);
      case "double":
        return this.writeDouble(value as number);
      case "string":
        return this.writeString(value as string);
      case "class":
        return this.writeValue(value as IceValue | null);
      case "proxy":
        return this.writeProxy(value as Proxy | null);
    }
    if ("seq" in type) {
      if (type.seq === "byte") return this.writeByteSeq(value as Uint8Array);
      const items = value as readonly unknown[];
      this.writeSize(items.length);
      for (const item of items) this.write(type.seq, item);
    } else if ("dict" in type) {
      const map = value as ReadonlyMap<unknown, unknown>;
      this.writeSize(map.size);
      for (const [k, v] of map) {
        this.write(type.dict[0], k);
        this.write(type.dict[1], v);
      }
    } else if ("struct" in type) {
      const record = value as Record<string, unknown>;
      for (const [name, t] of type.struct) this.write(t, record[name]);
    } else this.writeEnum(value as number, type.enum);
  }

  // --- classes and exceptions (encoding 1.0) ------------------------------------------------
  /** A class reference: 0 for null, else minus the instance id; the instance is queued. */
  writeValue(value: IceValue | null): void {
    this.#require10("class instances");
    if (value === null) return this.writeInt(0);
    const e = this.#top;
    let id = e.instanceIds.get(value);
    if (id === undefined) {
      id = e.instanceIds.size + 1;
      e.instanceIds.set(value, id);
      e.pending.push(value);
    }
    this.writeInt(-id);
  }

  /** The pending-instances section: batches of queued instances, ended by an empty batch. */
  writePendingValues(): void {
    this.#require10("class instances");
    const e = this.#top;
    while (e.pending.length > 0) {
      const batch = e.pending;
      e.pending = [];
      this.writeSize(batch.length);
      for (const value of batch) {
        this.writeInt(e.instanceIds.get(value)!);
        this.#writeInstance(value);
      }
    }
    this.writeSize(0);
  }

  #writeInstance(value: IceValue): void {
    for (const def of this.#registry.classChain(value.typeId)) {
      const sizeAt = this.#startSlice(def.typeId);
      for (const [name, t] of def.members) this.write(t, value.members[name]);
      this.#endSlice(sizeAt);
    }
    const sizeAt = this.#startSlice(ICE_OBJECT_TYPE_ID);
    this.writeSize(0); // the legacy facet map is always empty
    this.#endSlice(sizeAt);
  }

  #startSlice(typeId: string): number {
    const indices = this.#top.typeIdIndices;
    const index = indices.get(typeId);
    this.writeBool(index !== undefined);
    if (index !== undefined) this.writeSize(index);
    else {
      indices.set(typeId, indices.size + 1);
      this.writeString(typeId);
    }
    const sizeAt = this.#pos;
    this.writeInt(0);
    return sizeAt;
  }

  #endSlice(sizeAt: number): void {
    this.#view.setInt32(sizeAt, this.#pos - sizeAt, true);
  }

  /** A user exception as a reply's status-1 encapsulation payload (encoding 1.0). */
  writeException(typeId: string, members: Record<string, unknown>): void {
    this.#require10("user exceptions");
    const chain = this.#registry.exceptionChain(typeId);
    const hasClasses = chain.some((d) => d.members.some(([, t]) => usesClasses(t)));
    this.writeBool(hasClasses);
    for (const def of chain) {
      this.writeString(def.typeId);
      const sizeAt = this.#pos;
      this.writeInt(0);
      for (const [name, t] of def.members) this.write(t, members[name]);
      this.#endSlice(sizeAt);
    }
    if (hasClasses) this.writePendingValues();
  }

  #require10(what: string): void {
    if (!isEncoding10(this.encoding)) {
      throw new MarshalError(`writing ${what} is only supported in encoding 1.0`);
    }
  }
}

function newEncapsulation(start: number, encoding: EncodingVersion): Encapsulation {
  return { start, encoding, instanceIds: new Map(), pending: [], typeIdIndices: new Map() };
}

export function isEncoding10(e: EncodingVersion): boolean {
  return e.major === 1 && e.minor === 0;
}
