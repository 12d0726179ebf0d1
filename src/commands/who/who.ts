// `who`: the sessions the server has open. Administrators see every session;
// others see their own in full and only the user and group of the rest.
import type { ImplicitLogin } from "../../login/options.ts";
import { withLogin } from "../shared/with-login.ts";
import { whoJson, whoTable } from "./who-table.ts";
import type { CommandContext } from "../context.ts";

export interface WhoOptions {
  showUuid?: boolean;
  json?: boolean;
}

export function run(
  options: WhoOptions & ImplicitLogin,
  context: CommandContext,
): Promise<void> {
  const { io } = context;
  const { login } = options;
  return withLogin(login, context, async (session) => {
    const rows = await session.currentSessions();
    const render = options.json ? whoJson : whoTable;
    io.stdout.write(render(rows, session.uuid, options.showUuid ?? false));
  });
}
