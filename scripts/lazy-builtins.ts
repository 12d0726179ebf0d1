// Keeps the bundle's node: built-ins as lazy as the sources'. deno bundle (esbuild) hoists every
// `import … from "node:…"` to the top of its one file, also those of modules the sources load only
// on demand (the tls transport, the trust command), and its require shim for the CommonJS npm
// `ws` imports node:module at once. The first node: module costs Deno its Node compatibility layer
// (tens of milliseconds, see docs/bench.md), so every start of the bundle would pay it. deno
// bundle has no plugin hook, so this rewrites the bundle: each node: import becomes a binding that
// loads the module on first use (process.getBuiltinModule), declared before any code runs, and an
// import form it does not know is an error rather than left eager.

const SHIM = 'import { createRequire as __deno_internal_createRequire } from "node:module";\n' +
  "var __require = __deno_internal_createRequire(import.meta.url);\n";
const LAZY_SHIM = "var __require_loaded;\n" +
  "var __require = (id) => (__require_loaded ??= " +
  'globalThis.process.getBuiltinModule("node:module").createRequire(import.meta.url))(id);\n';

const LAZY_BUILTIN = `function __lazy_builtin(specifier, name) {
  let value;
  const load = () => {
    if (value === undefined) {
      const module = globalThis.process.getBuiltinModule(specifier);
      value = name === "*" || name === "default" ? module : module[name];
    }
    return value;
  };
  return new Proxy(function () {}, {
    get: (_, key) => Reflect.get(load(), key),
    set: (_, key, v) => Reflect.set(load(), key, v),
    has: (_, key) => Reflect.has(load(), key),
    apply: (_, self, args) => Reflect.apply(load(), self, args),
    construct: (_, args) => Reflect.construct(load(), args),
    getPrototypeOf: () => Reflect.getPrototypeOf(load()),
  });
}
`;

const IMPORT = /^import (.+) from "(node:[\w/]+)";\n/gmu;

/** `net`, `{ a, b as c }`, `* as ns`, `d, { a }`: [local name, imported name] pairs. */
function bindings(clause: string): [string, string][] {
  const named = /^(?:(\w+)\s*,\s*)?\{([^}]*)\}$/u.exec(clause);
  if (named) {
    const pairs: [string, string][] = named[1] ? [[named[1], "default"]] : [];
    for (const part of named[2].split(",").map((p) => p.trim()).filter(Boolean)) {
      const [imported, local = imported] = part.split(/\s+as\s+/u);
      pairs.push([local, imported]);
    }
    return pairs;
  }
  const namespace = /^(?:(\w+)\s*,\s*)?\*\s+as\s+(\w+)$/u.exec(clause);
  if (namespace) {
    return [...(namespace[1] ? [[namespace[1], "default"]] : []), [namespace[2], "*"]] as [
      string,
      string,
    ][];
  }
  if (/^\w+$/u.test(clause)) return [[clause, "default"]];
  throw new Error(`unexpected import of a node: module: import ${clause} from …`);
}

export function lazyBuiltins(code: string): string {
  if (!code.includes(SHIM) && code.includes("__deno_internal_createRequire")) {
    throw new Error("deno bundle's require shim changed; update scripts/lazy-builtins.ts");
  }
  const declarations: string[] = [];
  const body = code.replace(SHIM, "").replace(IMPORT, (_, clause: string, specifier: string) => {
    for (const [local, imported] of bindings(clause.trim())) {
      declarations.push(
        `var ${local} = __lazy_builtin(${JSON.stringify(specifier)}, ${
          JSON.stringify(imported)
        });\n`,
      );
    }
    return "";
  });
  const eager = /^import\b.*["']node:[^"']+["'];?$/mu.exec(body);
  if (eager) throw new Error(`a node: import left eager in the bundle: ${eager[0]}`);
  const header = code.includes(SHIM) ? LAZY_SHIM : "";
  return header + LAZY_BUILTIN + declarations.join("") + body;
}
