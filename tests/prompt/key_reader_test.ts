// The order of what readKeys does to the terminal, with a fake one: the real terminal is tested
// through a pty in prompter_test.ts, where a race of microseconds cannot be shown to fail.
import assert from "node:assert/strict";
import { type RawInput, readKeys } from "../../src/prompt/key-reader.ts";

/** A terminal that records mode changes and output in order, and is typed `typed` at once. */
function fakeTerminal(typed: string) {
  const events: string[] = [];
  let pending: Uint8Array | null = new TextEncoder().encode(typed);
  const input: RawInput = {
    setRaw: (mode) => void events.push(mode ? "raw" : "cooked"),
    read: (buffer) => {
      if (pending === null) return Promise.resolve(null);
      buffer.set(pending);
      const n = pending.length;
      pending = null;
      return Promise.resolve(n);
    },
  };
  return { events, input, output: (text: string) => void events.push(`write ${text}`) };
}

Deno.test("readKeys: the prompt is written only once the terminal is raw, as getpass does", async () => {
  const terminal = fakeTerminal("s3cret\r");
  const line = await readKeys(terminal.input, terminal.output, false, "Password: ");
  assert.equal(line, "s3cret");
  assert.deepEqual(terminal.events, ["raw", "write Password: ", "cooked", "write \n"]);
});

Deno.test("readKeys: an echoed prompt echoes what is typed after the prompt", async () => {
  const terminal = fakeTerminal("ab\r");
  assert.equal(await readKeys(terminal.input, terminal.output, true, "Username: "), "ab");
  assert.deepEqual(terminal.events, [
    "raw",
    "write Username: ",
    "write a",
    "write b",
    "cooked",
    "write \n",
  ]);
});
