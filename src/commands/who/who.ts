// `who` (reference §6.4): the sessions the server has open. Administrators see every session;
// others see their own in full and only the user and group of the rest.
import type { IO } from "../../cli/io.ts";
import type { LoginOptions } from "../../login/arguments.ts";
import { withLogin } from "../../login/login-with-io.ts";
import { whoJson, whoTable } from "./who-table.ts";

export interface WhoOptions {
  showUuid?: boolean;
  json?: boolean;
}

export function run(options: WhoOptions, login: LoginOptions, io: IO): Promise<void> {
  return withLogin(login, io, async (session) => {
    const rows = await session.currentSessions();
    const render = options.json ? whoJson : whoTable;
    io.stdout.write(render(rows, session.uuid, options.showUuid ?? false));
  });
}
