// The bundle's entry registers every module the sources load through lazyImport: the scan of
// src/ finds them all, each names a file that exists, and a call it cannot read is an error.
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { lazyModulePaths, registrationModule } from "../../scripts/lazy-modules.ts";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

Deno.test("lazy modules: every lazyImport of src/ is found and names an existing file", async () => {
  const paths = await lazyModulePaths(SRC);
  for (const path of ["commands/key/key.ts", "commands/login/login.ts", "omero/session.ts"]) {
    assert.ok(paths.includes(path), `${path} not among ${paths.join(", ")}`);
  }
  for (const path of paths) assert.ok(Deno.statSync(join(SRC, path)).isFile, path);
  const text = registrationModule(SRC, paths);
  assert.equal(text.match(/\(\) => import\("file:\/\//gu)?.length, paths.length);
});

Deno.test("lazy modules: a call with a computed path or a mistyped module is refused", async () => {
  const dir = await Deno.makeTempDir({ prefix: "lazy-modules-" });
  try {
    await Deno.mkdir(join(dir, "a"));
    const file = join(dir, "a", "b.ts");
    await Deno.writeTextFile(file, 'await lazyImport<typeof import("./c.ts")>("a/d.ts");\n');
    await assert.rejects(lazyModulePaths(dir), /lazyImport of "a\/d.ts" is typed as a\/c.ts/u);
    await Deno.writeTextFile(file, 'await lazyImport<typeof import("./c.ts")>(name);\n');
    await assert.rejects(lazyModulePaths(dir), /not two string literals/u);
    await Deno.writeTextFile(file, 'await lazyImport<typeof import("./c.ts")>(\n  "a/c.ts",\n);\n');
    assert.deepEqual(await lazyModulePaths(dir), ["a/c.ts"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
