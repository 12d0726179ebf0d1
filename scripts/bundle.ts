// `deno task bundle [OUTPUT]`: the whole program as one JavaScript file (default
// dist/omero-sessions.js) that `deno run` runs with no node_modules beside it. The npm package
// ships it, and scripts/compile.ts embeds it as the compiled binaries' only file. It starts from
// an entry that registers the modules the sources load by computed URL (scripts/lazy-modules.ts)
// and then imports main.ts. Its node: imports are made lazy afterwards (scripts/lazy-builtins.ts),
// as they are in the sources.
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { lazyBuiltins } from "./lazy-builtins.ts";
import { lazyModulePaths, registrationModule } from "./lazy-modules.ts";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BUNDLE = join(ROOT, "dist", "omero-sessions.js");

/** Bundles main.ts into `output`; throws with deno's own message when it fails. */
export async function bundle(output: string = BUNDLE): Promise<void> {
  await Deno.mkdir(dirname(output), { recursive: true });
  const src = join(ROOT, "src");
  const entryDir = await Deno.makeTempDir({ prefix: "bundle-entry-" });
  try {
    const registration = join(entryDir, "lazy-modules.ts");
    await Deno.writeTextFile(registration, registrationModule(src, await lazyModulePaths(src)));
    const entry = join(entryDir, "entry.ts");
    // Imports run in order: the registration before main.ts starts the program.
    const main = pathToFileURL(join(ROOT, "main.ts")).href;
    await Deno.writeTextFile(
      entry,
      `import "./lazy-modules.ts";\nimport ${JSON.stringify(main)};\n`,
    );
    await runBundle(entry, output);
  } finally {
    await Deno.remove(entryDir, { recursive: true });
  }
  // deno bundle names each source in a comment; the entry's random directory would make every
  // build differ, and release checksums should be reproducible.
  const bundled = (await Deno.readTextFile(output)).replaceAll(relative(ROOT, entryDir), "entry");
  await Deno.writeTextFile(output, lazyBuiltins(bundled));
}

async function runBundle(entry: string, output: string): Promise<void> {
  const result = await new Deno.Command(Deno.execPath(), {
    args: ["bundle", "--quiet", "--platform", "deno", "--output", output, entry],
    // Bare imports resolve against the checkout's package.json and node_modules.
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "inherit",
    stderr: "piped",
  }).output();
  if (!result.success) {
    throw new Error(`deno bundle failed: ${new TextDecoder().decode(result.stderr).trim()}`);
  }
}

if (import.meta.main) {
  if (Deno.args.length > 1) {
    console.error("usage: deno task bundle [OUTPUT]");
    Deno.exit(2);
  }
  try {
    await bundle(Deno.args[0]);
  } catch (error) {
    console.error(`bundle: ${error instanceof Error ? error.message : error}`);
    Deno.exit(1);
  }
}
