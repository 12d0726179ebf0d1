import assert from "node:assert/strict";
import { readPasswordFile, readPasswordFromStdin } from "../../src/prompt/password-sources.ts";
import { UsageError } from "../../src/errors.ts";

function streamOf(text: string): ReadableStream<Uint8Array> {
  return new Blob([text]).stream();
}

Deno.test("--password-stdin drops one final line break only", async () => {
  assert.equal(await readPasswordFromStdin(streamOf("pw\n")), "pw");
  assert.equal(await readPasswordFromStdin(streamOf("pw\r\n")), "pw");
  assert.equal(await readPasswordFromStdin(streamOf(" p w \n\n")), " p w \n");
  await assert.rejects(() => readPasswordFromStdin(streamOf("\n")), UsageError);
});

Deno.test("--password-file reads the file; a missing file is a usage error", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/pw`, "secret\n");
    assert.equal(await readPasswordFile(`${dir}/pw`), "secret");
    await assert.rejects(() => readPasswordFile(`${dir}/missing`), /missing/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
