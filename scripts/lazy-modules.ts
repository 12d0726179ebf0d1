// The modules the sources load through lazyImport (src/lazy-import.ts), found by reading src/,
// and the entry deno bundle starts from: it registers a literal import for each of them, which
// deno bundle follows, before main.ts runs. Every call must name its module as two string
// literals that agree (`lazyImport<typeof import("./x.ts")>("dir/x.ts")`); anything else is an
// error here rather than a module missing from the bundle.
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const CALL =
  /lazyImport<\s*typeof import\("(?<typePath>[^"]+)"\)\s*>\(\s*"(?<path>[^"]+)",?\s*\)/gu;
const ANY_CALL = /lazyImport</gu;

/** Paths below `srcDir` that some module of it loads through lazyImport, sorted. */
export async function lazyModulePaths(srcDir: string): Promise<string[]> {
  const paths = new Set<string>();
  for (const file of await sourceFiles(srcDir)) {
    const text = await Deno.readTextFile(file);
    const calls = [...text.matchAll(CALL)];
    const written = [...text.matchAll(ANY_CALL)].length;
    const where = relative(srcDir, file);
    if (calls.length !== written) {
      throw new Error(`${where}: a lazyImport call whose module is not two string literals`);
    }
    for (const call of calls) {
      const { typePath, path } = call.groups!;
      const typed = relative(srcDir, resolve(dirname(file), typePath));
      if (typed !== path) {
        throw new Error(`${where}: lazyImport of "${path}" is typed as ${typed}`);
      }
      paths.add(path);
    }
  }
  return [...paths].sort();
}

/** The registration module: importing it makes every lazyImport of `paths` literal. */
export function registrationModule(srcDir: string, paths: string[]): string {
  const url = (path: string) => JSON.stringify(pathToFileURL(join(srcDir, path)).href);
  const entries = paths.map((path) => `  ${JSON.stringify(path)}: () => import(${url(path)}),\n`);
  return `import { LAZY_MODULES } from ${url("lazy-import.ts")};\n` +
    `globalThis[LAZY_MODULES] = {\n${entries.join("")}};\n`;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) files.push(...await sourceFiles(path));
    else if (entry.name.endsWith(".ts") && path !== join(dir, "lazy-import.ts")) files.push(path);
  }
  return files;
}
