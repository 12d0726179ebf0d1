// `login`: see src/login/login.ts for the algorithm. The banner goes to stderr; stdout stays
// empty. The session is detached, so it outlives this process.
import type { LoginOptions } from "../../login/options.ts";
import type { CommandContext } from "../context.ts";
import { loginWith } from "../shared/with-login.ts";

export async function run(options: LoginOptions, context: CommandContext): Promise<void> {
  const { session } = await loginWith(options, context);
  await session.release();
}
