// Encoding parameters and reading results of the OMERO operations we call. Parameters are
// written in encoding 1.0 so that replies carry every class slice with its size and unknown
// OMERO types can be skipped.
import type { InputStream } from "../ice/input-stream.ts";
import { OutputStream } from "../ice/output-stream.ts";
import { type TypeDesc, type TypeRegistry, usesClasses } from "../ice/values.ts";

export type Param = readonly [TypeDesc, unknown];

export function encodeParams(registry: TypeRegistry, params: readonly Param[]): Uint8Array {
  const out = new OutputStream({ registry });
  out.startEncapsulation();
  for (const [type, value] of params) out.write(type, value);
  if (params.some(([type]) => usesClasses(type))) out.writePendingValues();
  out.endEncapsulation();
  return out.finished();
}

/** Reads a single return value of `type` (resolving class instances). */
export function readResult(input: InputStream, type: TypeDesc): unknown {
  const value = input.read(type);
  if (usesClasses(type)) input.readPendingValues();
  input.endEncapsulation();
  return value;
}
