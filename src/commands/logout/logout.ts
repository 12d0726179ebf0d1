// `logout`: to be built on the Ice client.
import { CliError } from "../../errors.ts";
import type { IO } from "../../cli/io.ts";
import type { ConnectionOptions } from "../login/options.ts";

export interface LogoutOptions extends ConnectionOptions {
  /** Deprecated hidden `--session-dir`. */
  sessionDir?: string;
}

export function run(_options: LogoutOptions, _io: IO): Promise<void> {
  return Promise.reject(new CliError("logout: not implemented yet"));
}
