// Non-interactive password sources: `--password-stdin` and `--password-file FILE`.
// One trailing line break is removed (what `echo` and editors add); everything else is kept.
import { UsageError } from "../errors.ts";
import { readNamedFile } from "../fs/read-named-file.ts";

export async function readPasswordFromStdin(
  input: ReadableStream<Uint8Array> = Deno.stdin.readable,
): Promise<string> {
  const text = await new Response(input).text();
  return nonEmpty(withoutFinalNewline(text), "stdin");
}

export async function readPasswordFile(path: string): Promise<string> {
  const text = await readNamedFile(path, "password file");
  return nonEmpty(withoutFinalNewline(text), `password file ${path}`);
}

function withoutFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, "");
}

function nonEmpty(password: string, source: string): string {
  if (password === "") throw new UsageError(`empty password read from ${source}`);
  return password;
}
