// `login` wired to a command's context: its store, prompts, stderr and connection settings.
// Commands that need a server log in through this too and get the open session back.
import { escapeControl } from "../../control-chars.ts";
import { login, type LoginResult } from "../../login/login.ts";
import type { LoginOptions } from "../../login/options.ts";
import type { OmeroSession } from "../../omero/session.ts";
import type { CommandContext } from "../context.ts";

/** `implicit`: the login of a server command, not the `login` command itself. */
export async function loginWith(
  options: LoginOptions,
  context: CommandContext,
  implicit = false,
): Promise<LoginResult> {
  const { io } = context;
  return await login(options, {
    store: context.store(options.sessionDir),
    prompter: context.prompter,
    env: io.env,
    stdin: io.stdin,
    // Banners and notices name users, groups and hosts a server or a session file gave us.
    say: (line) => io.stderr.write(`${escapeControl(line)}\n`),
    open: await context.opener(options),
    implicitFor: implicit ? context.programName : undefined,
  });
}

/**
 * The implicit login of every server command: log in with the command's options, use the open
 * session, and release it whatever happens.
 */
export async function withLogin<T>(
  options: LoginOptions,
  context: CommandContext,
  use: (session: OmeroSession) => Promise<T>,
): Promise<T> {
  const { session } = await loginWith(options, context, true);
  try {
    return await use(session);
  } finally {
    await session.release();
  }
}
