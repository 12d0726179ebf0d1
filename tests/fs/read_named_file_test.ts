// A file named in an option that cannot be read is a usage error naming the option and the path.
import assert from "node:assert/strict";
import { UsageError } from "../../src/errors.ts";
import { readNamedFile } from "../../src/fs/read-named-file.ts";

Deno.test("readNamedFile: the text, or a UsageError naming what the file was for", async () => {
  const dir = await Deno.makeTempDir({ prefix: "named-file-" });
  try {
    await Deno.writeTextFile(`${dir}/ca.pem`, "text\n");
    assert.equal(await readNamedFile(`${dir}/ca.pem`, "--ca-file"), "text\n");
    for (const path of [`${dir}/missing`, dir]) {
      await assert.rejects(
        () => readNamedFile(path, "--ca-file"),
        (error) =>
          error instanceof UsageError &&
          error.message.startsWith(`cannot read --ca-file ${path}: `),
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
