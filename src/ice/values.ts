// Table-driven Slice types: a class or user exception is declared once (type id, base, members)
// and the streams use that one declaration to both encode and decode it.

/** Slice built-in types. `byte` sequences are `Uint8Array`s, `long` is `bigint`. */
export type PrimitiveType =
  | "bool"
  | "byte"
  | "short"
  | "int"
  | "long"
  | "float"
  | "double"
  | "string";

/**
 * The shape of a value on the wire. `"class"` is a class reference (any class: in encoding 1.0
 * the instance says its own type); `"proxy"` a proxy or null; enums carry their largest
 * enumerator value, which decides their width in encoding 1.0.
 */
export type TypeDesc =
  | PrimitiveType
  | "class"
  | "proxy"
  | { readonly seq: TypeDesc }
  | { readonly dict: readonly [TypeDesc, TypeDesc] }
  | { readonly struct: Members }
  | { readonly enum: number };

/** Data members in declaration (= wire) order. */
export type Members = readonly (readonly [name: string, type: TypeDesc])[];

export interface TypeDefinition {
  /** e.g. "::omero::RLong". */
  readonly typeId: string;
  /** The base's type id; absent for a class derived directly from Ice::Object. */
  readonly base?: string;
  /** This slice's own members (not the base's). */
  readonly members: Members;
}

/**
 * A decoded or to-be-encoded class instance. `typeId` is the most-derived type we know (and
 * whose slices `members` hold); `wireTypeId` is the most-derived type the sender wrote, which
 * differs when unknown derived slices were skipped. Class references inside `members` are other
 * `IceValue`s (or null), so shared and cyclic graphs are preserved as object identity.
 */
export class IceValue {
  // Mutable only so that the decoder can hand out a reference before the instance itself
  // arrives (encoding 1.0 sends instances after all parameters).
  constructor(
    public typeId: string,
    public members: Record<string, unknown>,
    public wireTypeId: string = typeId,
  ) {}
}

/** The root of every class hierarchy; its 1.0 slice is always last and empty. */
export const ICE_OBJECT_TYPE_ID = "::Ice::Object";

/** Known classes and user exceptions, looked up by type id. */
export class TypeRegistry {
  readonly #classes = new Map<string, TypeDefinition>();
  readonly #exceptions = new Map<string, TypeDefinition>();
  /** Resolved chains, computed once per type id (decoding looks them up per instance). */
  readonly #chains = new Map<string, TypeDefinition[]>();

  defineClass(...definitions: TypeDefinition[]): this {
    for (const d of definitions) this.#classes.set(d.typeId, d);
    this.#chains.clear();
    return this;
  }

  defineException(...definitions: TypeDefinition[]): this {
    for (const d of definitions) this.#exceptions.set(d.typeId, d);
    this.#chains.clear();
    return this;
  }

  hasClass(typeId: string): boolean {
    return this.#classes.has(typeId);
  }

  hasException(typeId: string): boolean {
    return this.#exceptions.has(typeId);
  }

  /** The class and its bases, most-derived first; throws if any link is undeclared. */
  classChain(typeId: string): readonly TypeDefinition[] {
    return this.#cached(`c${typeId}`, () => chain(this.#classes, typeId, "class"));
  }

  exceptionChain(typeId: string): readonly TypeDefinition[] {
    return this.#cached(`e${typeId}`, () => chain(this.#exceptions, typeId, "exception"));
  }

  #cached(key: string, compute: () => TypeDefinition[]): TypeDefinition[] {
    let result = this.#chains.get(key);
    if (!result) this.#chains.set(key, result = compute());
    return result;
  }
}

function chain(
  table: Map<string, TypeDefinition>,
  typeId: string,
  kind: string,
): TypeDefinition[] {
  const result: TypeDefinition[] = [];
  for (let id: string | undefined = typeId; id !== undefined;) {
    const d = table.get(id);
    if (!d) throw new TypeError(`${kind} ${id} is not declared`);
    if (result.includes(d)) throw new TypeError(`${kind} ${typeId} has a cyclic base chain`);
    result.push(d);
    id = d.base;
  }
  return result;
}

/** Whether a value of this type can contain a class reference (decides 1.0 pending sections). */
export function usesClasses(type: TypeDesc): boolean {
  if (type === "class") return true;
  if (typeof type === "string") return false;
  if ("seq" in type) return usesClasses(type.seq);
  if ("dict" in type) return usesClasses(type.dict[0]) || usesClasses(type.dict[1]);
  if ("struct" in type) return type.struct.some(([, t]) => usesClasses(t));
  return false;
}

/** The smallest number of bytes one value of this type occupies (bounds forged counts). */
export function minWireSize(type: TypeDesc): number {
  switch (type) {
    case "bool":
    case "byte":
    case "string":
      return 1;
    case "short":
      return 2;
    case "int":
    case "float":
    case "class":
      return 4;
    case "long":
    case "double":
      return 8;
    case "proxy":
      return 2;
  }
  if ("seq" in type) return 1;
  if ("dict" in type) return 1;
  if ("struct" in type) return type.struct.reduce((n, [, t]) => n + minWireSize(t), 0);
  return 1;
}
