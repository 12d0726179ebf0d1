// The Node.js the README supports (package.json "engines") installs the checkout without a
// warning: every locked package accepts that version, and `npm ci` on this machine's Node.js
// warns about nothing (a dry run: node_modules stays as it is).
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT } from "../../scripts/bundle.ts";

const readJson = async (name: string) => JSON.parse(await Deno.readTextFile(join(ROOT, name)));

/** The lowest version a `>=X[.Y[.Z]]` range admits, as [major, minor, patch]. */
function lowerBound(range: string): number[] {
  const match = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/u.exec(range.trim());
  assert.ok(match, `engines range "${range}": only >=X.Y.Z is checked here; check it by hand`);
  return match.slice(1).map((part) => Number(part ?? 0));
}

const atLeast = (a: number[], b: number[]) =>
  a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] >= b[2];

Deno.test("Node.js support: the stated minimum is the README's and every locked package's", async () => {
  const supported = (await readJson("package.json")).engines.node;
  const minimum = lowerBound(supported);
  const readme = await Deno.readTextFile(join(ROOT, "README.md"));
  assert.ok(readme.includes(`Node.js ${minimum[0]} or later`), `README does not say ${supported}`);
  const packages = (await readJson("package-lock.json")).packages;
  for (const [path, entry] of Object.entries<{ engines?: { node?: string } }>(packages)) {
    const range = entry.engines?.node;
    if (!path || !range) continue;
    assert.ok(atLeast(minimum, lowerBound(range)), `${path} needs node ${range}, not ${supported}`);
  }
});

Deno.test("Node.js support: npm ci on this machine's Node.js prints no warning", async () => {
  const output = await new Deno.Command("npm", {
    args: ["ci", "--dry-run", "--no-audit", "--no-fund", "--prefer-offline"],
    cwd: ROOT,
    stdin: "null",
  }).output();
  const stderr = new TextDecoder().decode(output.stderr);
  assert.equal(output.code, 0, stderr);
  assert.deepEqual(stderr.split("\n").filter((line) => /^npm warn/u.test(line)), []);
});
