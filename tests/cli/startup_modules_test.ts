// The local commands start at Deno's floor only if loading them pulls in no Node compatibility
// module (node:fs alone costs ~20 ms) and no npm package: the static import graph of main.ts and
// of each local command's module must be free of both. Ice, TLS and WebSocket stay behind
// dynamic imports. (How fast they start is measured by `deno task bench`, not here.)
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const ROOT = new URL("../../", import.meta.url);
const DENO = fileURLToPath(new URL("node_modules/.bin/deno", ROOT));

interface Graph {
  modules: {
    specifier: string;
    dependencies?: { code?: { specifier: string }; isDynamic?: boolean }[];
  }[];
}

async function graph(entry: string): Promise<Graph> {
  const output = await new Deno.Command(DENO, {
    args: ["info", "--json", entry],
    cwd: fileURLToPath(ROOT),
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  return JSON.parse(new TextDecoder().decode(output.stdout));
}

/** Every module `entry` loads before it runs: its static imports, transitively. */
function staticClosure(modules: Graph["modules"], entry: string): string[] {
  const bySpecifier = new Map(modules.map((module) => [module.specifier, module]));
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const specifier = stack.pop()!;
    if (seen.has(specifier)) continue;
    seen.add(specifier);
    for (const dependency of bySpecifier.get(specifier)?.dependencies ?? []) {
      if (dependency.code && !dependency.isDynamic) stack.push(dependency.code.specifier);
    }
  }
  return [...seen];
}

Deno.test("main.ts and the local commands load no node: module and no npm package", async () => {
  const { modules } = await graph("main.ts");
  const entries = [
    "main.ts",
    "src/commands/key/key.ts",
    "src/commands/file/file.ts",
    "src/commands/list/list.ts",
    "src/commands/version/version.ts",
  ];
  for (const entry of entries) {
    const loaded = staticClosure(modules, new URL(entry, ROOT).href);
    assert.ok(loaded.length > 1, `${entry}: its imports were not found`);
    const foreign = loaded.filter((specifier) => !specifier.startsWith("file:"));
    assert.deepEqual(foreign, [], `${entry} loads ${foreign.join(", ")}`);
  }
  // Nor the Ice client or the OMERO error kinds: a command that succeeds does not need them.
  const main = staticClosure(modules, new URL("main.ts", ROOT).href);
  const ice = main.filter((specifier) => /\/src\/(ice|omero)\//u.test(specifier));
  assert.deepEqual(ice, [], `main.ts loads ${ice.join(", ")}`);
  // Nor the parser and the command tree: the local command lines start without them.
  const parser = main.filter((specifier) =>
    /\/src\/(cli\/(argparse|program)\.ts|commands\/(.+\/command|shared\/options)\.ts)/u.test(
      specifier,
    )
  );
  assert.deepEqual(parser, [], `main.ts loads ${parser.join(", ")}`);
  // The check can fail: the Ice client behind `login` does load node:net.
  const login = staticClosure(modules, new URL("src/ice/tcp.ts", ROOT).href);
  assert.ok(login.includes("node:net"));
});

Deno.test("no literal import() on the way to main.ts: Deno would read its modules at start-up", async () => {
  // Deno reads every module a literal dynamic import names before the program runs, so the
  // modules loaded on demand are loaded through lazyImport (src/lazy-import.ts) instead.
  const { modules } = await graph("main.ts");
  const bySpecifier = new Map(modules.map((module) => [module.specifier, module]));
  const walked = staticClosure(modules, new URL("main.ts", ROOT).href).flatMap((specifier) =>
    (bySpecifier.get(specifier)?.dependencies ?? [])
      .filter((dependency) => dependency.isDynamic && dependency.code)
      .map((dependency) => `${specifier} -> ${dependency.code!.specifier}`)
  );
  assert.deepEqual(walked, []);
  // The check can fail: the Ice client chooses its transports by literal import().
  const connector = new URL("src/ice/connector.ts", ROOT).href;
  assert.ok(bySpecifier.get(connector)?.dependencies?.some((dependency) => dependency.isDynamic));
});
