// `who` (reference §6.4): the sessions the server has open. Administrators see every session;
// others see their own in full and only the user and group of the rest.
import type { IO } from "../../cli/io.ts";
import type { LoginOptions } from "../../login/arguments.ts";
import { loginWithIO } from "../../login/login-with-io.ts";
import { whoJson, whoTable } from "./who-table.ts";

export interface WhoOptions {
  showUuid?: boolean;
  json?: boolean;
}

export async function run(options: WhoOptions, login: LoginOptions, io: IO): Promise<void> {
  const { session } = await loginWithIO(login, io);
  try {
    const rows = await session.currentSessions();
    const render = options.json ? whoJson : whoTable;
    io.stdout.write(render(rows, session.uuid, options.showUuid ?? false));
  } finally {
    await session.release();
  }
}
