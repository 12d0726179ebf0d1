// Every comment in the repository's code stands on its own or cites docs/: the spec and
// reference notes the project was built from are not in this repository, so a "§5" of theirs
// would point nowhere.
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TREES = ["src", "scripts", "testserver", "bench", "tests"];
const SELF = fileURLToPath(import.meta.url);
const CITATION = /§|\bSPEC\b|\.\.\/shared\/(SPEC|reference)/u;

function* sources(dir: string): Generator<string> {
  for (const entry of Deno.readDirSync(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* sources(path);
    else if (entry.isFile && entry.name.endsWith(".ts") && path !== SELF) yield path;
  }
}

Deno.test("no code or comment cites SPEC or reference sections", () => {
  const found: string[] = [];
  for (const tree of TREES) {
    for (const path of sources(join(ROOT, tree))) {
      Deno.readTextFileSync(path).split("\n").forEach((line, index) => {
        if (CITATION.test(line)) found.push(`${relative(ROOT, path)}:${index + 1}: ${line.trim()}`);
      });
    }
  }
  assert.deepEqual(found, []);
});
