// Where a password for a new session comes from, in this order: `-w`,
// `--password-stdin`, `--password-file`, then `OMERO_PASSWORD`, and last the hidden prompt.
import type { Prompter } from "../prompt/prompter.ts";
import { readPasswordFile, readPasswordFromStdin } from "../prompt/password-sources.ts";
import type { LoginOptions } from "./arguments.ts";

export async function givenPassword(
  options: LoginOptions,
  env: Readonly<Record<string, string | undefined>>,
  stdin: ReadableStream<Uint8Array>,
): Promise<string | undefined> {
  if (options.password) return options.password;
  if (options.passwordStdin) return await readPasswordFromStdin(stdin);
  if (options.passwordFile !== undefined) return await readPasswordFile(options.passwordFile);
  return env.OMERO_PASSWORD || undefined;
}

export function askPassword(prompter: Prompter, sudo: string | undefined): Promise<string> {
  return prompter.askSecret(sudo ? `Password for ${sudo}:` : "Password:", "password");
}
