// Every comment in src/ stands on its own: the spec and reference notes the project was built
// from are not in this repository, so "SPEC §5" or "reference §4.4" would point nowhere.
import assert from "node:assert/strict";

const SRC = new URL("../../src/", import.meta.url);

function* sources(dir: URL): Generator<URL> {
  for (const entry of Deno.readDirSync(dir)) {
    const url = new URL(entry.isDirectory ? `${entry.name}/` : entry.name, dir);
    if (entry.isDirectory) yield* sources(url);
    else if (entry.name.endsWith(".ts")) yield url;
  }
}

Deno.test("no comment in src/ cites SPEC or reference sections", () => {
  const found: string[] = [];
  for (const url of sources(SRC)) {
    Deno.readTextFileSync(url).split("\n").forEach((line, index) => {
      if (/SPEC §|SPEC's|reference §|\.\.\/shared\/(SPEC|reference)/u.test(line)) {
        found.push(`${url.pathname.split("/src/")[1]}:${index + 1}: ${line.trim()}`);
      }
    });
  }
  assert.deepEqual(found, []);
});
