// `login`: to be built on the Ice client; the options are complete (./options.ts).
import { CliError } from "../../errors.ts";
import type { IO } from "../../cli/io.ts";
import type { LoginOptions } from "./options.ts";

export type { LoginOptions };

export function run(_options: LoginOptions, _io: IO): Promise<void> {
  return Promise.reject(new CliError("login: not implemented yet"));
}
