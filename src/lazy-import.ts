// Loads one of our modules when it is first needed. Before main.ts runs, Deno reads every module
// that a literal `import("./x.ts")` anywhere in the program names (every command, the Ice
// client, TLS: several milliseconds for a local command, docs/bench.md), so the sources import
// through a computed URL, which Deno resolves only when the import runs.
// deno bundle cannot follow a computed URL: the bundle's entry (scripts/bundle.ts) registers a
// literal import for every path passed here before main.ts starts.

/** Where the bundle's entry puts its literal imports, keyed by path below src/. */
export const LAZY_MODULES = Symbol.for("omero-sessions.lazy-modules");

type Registry = Record<string, () => Promise<unknown>>;

/**
 * The module at `path`, relative to src/ ("commands/key/key.ts"); `T` is its type, written
 * `typeof import("./key.ts")` relative to the caller (tests/cli/lazy_import_test.ts checks that
 * both name the same file).
 */
export function lazyImport<T>(path: string): Promise<T> {
  const registered = (globalThis as { [LAZY_MODULES]?: Registry })[LAZY_MODULES]?.[path];
  if (registered) return registered() as Promise<T>;
  return import(new URL(path, import.meta.url).href) as Promise<T>;
}
