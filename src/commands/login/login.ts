// `login`: reference §4 with SPEC §5's differences (see src/login/login.ts). The banner goes
// to stderr; stdout stays empty. The session is detached, so it outlives this process.
import type { IO } from "../../cli/io.ts";
import { loginWithIO } from "../../login/login-with-io.ts";
import type { LoginOptions } from "./options.ts";

export type { LoginOptions };

export async function run(options: LoginOptions, io: IO): Promise<void> {
  const { session } = await loginWithIO(options, io);
  await session.release();
}
