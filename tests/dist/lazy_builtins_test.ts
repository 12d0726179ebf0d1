// The bundle's node: imports become bindings that load on first use, so starting it loads no
// node: module, as starting the sources does not (tests/cli/startup_modules_test.ts).
import assert from "node:assert/strict";
import { join } from "node:path";
import { bundle } from "../../scripts/bundle.ts";
import { lazyBuiltins } from "../../scripts/lazy-builtins.ts";

const SOURCE = `import net from "node:net";
import { Buffer as Buffer2, constants } from "node:buffer";
import * as path from "node:path";
import def, { X509Certificate } from "node:crypto";
console.log(typeof net.connect, Buffer2.from("hi").toString("hex"), path.join("a", "b"));
console.log(typeof def.createHash, new X509Certificate(Deno.args[0]) instanceof X509Certificate);
console.log(typeof constants.MAX_LENGTH);
`;

Deno.test("lazyBuiltins: default, named, renamed and namespace imports work after the rewrite", async () => {
  const code = lazyBuiltins(SOURCE);
  assert.doesNotMatch(code, /^import /mu);
  const dir = await Deno.makeTempDir({ prefix: "lazy-builtins-" });
  try {
    const file = join(dir, "module.js");
    await Deno.writeTextFile(file, code);
    const pem = await certificate(dir);
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-config", "-A", file, pem],
      stdin: "null",
    }).output();
    assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
    assert.equal(
      new TextDecoder().decode(output.stdout),
      "function 6869 a/b\nfunction true\nnumber\n",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("lazyBuiltins: an import form it does not know is an error, not left eager", () => {
  assert.throws(() => lazyBuiltins('import "node:fs";\n'), /left eager/u);
  assert.throws(
    () => lazyBuiltins('import type, {a} as b from "node:fs";\n'),
    /unexpected import/u,
  );
});

Deno.test("bundle: its start loads no other module", async () => {
  const dir = await Deno.makeTempDir({ prefix: "lazy-bundle-" });
  try {
    const file = join(dir, "omero-sessions.js");
    await bundle(file);
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--no-config", "--json", file],
      stdin: "null",
    }).output();
    assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
    const { modules } = JSON.parse(new TextDecoder().decode(output.stdout));
    const loaded = modules.map((module: { specifier: string }) => module.specifier);
    assert.deepEqual(loaded, [new URL(`file://${file}`).href]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

async function certificate(dir: string): Promise<string> {
  const output = await new Deno.Command("openssl", {
    args: [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-keyout",
      join(dir, "key.pem"),
      "-subj",
      "/CN=lazy",
      "-days",
      "1",
    ],
    stdin: "null",
    stderr: "null",
  }).output();
  assert.equal(output.code, 0);
  return new TextDecoder().decode(output.stdout);
}
