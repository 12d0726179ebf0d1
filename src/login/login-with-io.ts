// `login` wired to a process: the store, the prompts, stderr and the connection settings.
// Commands that need a server call this too and get the open session back.
import { escapeControl } from "../control-chars.ts";
import type { IO } from "../cli/io.ts";
import { openStore } from "../cli/open-store.ts";
import { type OmeroSession, sessionOpener } from "../omero/session.ts";
import { terminalPrompter } from "../prompt/prompter.ts";
import type { LoginOptions } from "./arguments.ts";
import { clientSettings } from "./client-settings.ts";
import { login, type LoginResult } from "./login.ts";

/** `implicit`: the login of a server command, not the `login` command itself. */
export async function loginWithIO(
  options: LoginOptions & { sessionDir?: string },
  io: IO,
  implicit = false,
): Promise<LoginResult> {
  const store = openStore(io, options.sessionDir);
  const open = sessionOpener(await clientSettings(options, io));
  return await login(options, {
    store,
    prompter: terminalPrompter(io),
    env: io.env,
    stdin: io.stdin,
    // Banners and notices name users, groups and hosts a server or a session file gave us.
    say: (line) => io.stderr.write(`${escapeControl(line)}\n`),
    open,
    implicitFor: implicit ? io.programName : undefined,
  });
}

/**
 * The implicit login of every server command (reference §6): log in with the command's options,
 * use the open session, and release it whatever happens.
 */
export async function withLogin<T>(
  options: LoginOptions & { sessionDir?: string },
  io: IO,
  use: (session: OmeroSession) => Promise<T>,
): Promise<T> {
  const { session } = await loginWithIO(options, io, true);
  try {
    return await use(session);
  } finally {
    await session.release();
  }
}
