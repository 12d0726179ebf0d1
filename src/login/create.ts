// A login's last resort (docs/login.md): create a new session ("Created"), with up to three
// password attempts. A wrong password re-prompts only on a terminal; otherwise it fails at once
// (exit 3). Any failure after the server created the session (a store that cannot be written, a
// user name the store refuses, Ctrl-C before it is stored) ends that session again before it goes
// on: no orphaned server sessions.
import { AuthError, CliError } from "../errors.ts";
import { AuthenticationRefusedError } from "../omero/errors.ts";
import type { Credentials, OmeroSession } from "../omero/session.ts";
import { unlessAborted } from "../omero/unless-aborted.ts";
import { buildLoginProps } from "../store/session-file.ts";
import { finish, type LoginResult } from "./finish.ts";
import type { Destination, LoginRun } from "./login-run.ts";
import { askPassword, givenPassword } from "./password.ts";
import { watchInterrupts } from "./interrupt.ts";
import { withRetry } from "./retry.ts";
import { sudoLogin } from "./sudo.ts";

const MAX_PASSWORD_ATTEMPTS = 3;

export async function create(run: LoginRun, destination: Destination): Promise<LoginResult> {
  const { options, context } = run;
  let password = await givenPassword(options, context.env, context.stdin);
  for (let attempt = 1;; attempt++) {
    password ??= await askPassword(context.prompter, options.sudo);
    const credentials = { user: options.sudo ?? destination.name, password };
    try {
      return await openAndStore(run, destination, credentials);
    } catch (error) {
      if (!(error instanceof AuthenticationRefusedError)) throw error;
      if (attempt >= MAX_PASSWORD_ATTEMPTS) {
        throw new AuthError(`${MAX_PASSWORD_ATTEMPTS} incorrect password attempts`);
      }
      if (!context.prompter.interactive) throw error;
      run.say(error.message);
      password = undefined;
    }
  }
}

/**
 * One attempt: log in (as `--sudo` ADMIN if given), apply `-t`, write the session's file, make
 * it current.
 */
async function openAndStore(
  run: LoginRun,
  destination: Destination,
  credentials: Credentials,
): Promise<LoginResult> {
  const { options, context } = run;
  const { endpoint, name } = destination;
  const { group, sudo } = options;
  using interrupts = watchInterrupts();
  const { signal } = interrupts;
  const session = await withRetry(
    options.retry,
    context.say,
    () =>
      sudo !== undefined
        ? sudoLogin(context.open, endpoint, credentials, name, group, signal)
        : context.open(endpoint, credentials, { group, signal }),
    signal,
  );
  try {
    return await storeSession(run, destination, session, signal);
  } catch (error) {
    await session.abandon();
    forget(run, destination, session);
    throw error;
  }
}

async function storeSession(
  run: LoginRun,
  destination: Destination,
  session: OmeroSession,
  signal: AbortSignal,
): Promise<LoginResult> {
  const { store } = run;
  const { group, sudo, timeout } = run.options;
  const { server, port } = destination;
  await unlessAborted(run.applyTimeout(session), signal);
  // From here on nothing waits: a signal is handled once the session is stored and current.
  // Stored under the user name the server reports, as omero-py does.
  const user = session.eventContext.userName;
  const props = buildLoginProps({ group, host: server, user, port, timeout });
  store.add(server, user, session.uuid, props, sudo);
  const stored = store.get(server, user, session.uuid);
  return finish(run, { action: "Created", session, stored, becomesCurrent: true });
}

/** The file of a session that was just ended, if it was written; the failure says the rest. */
function forget(run: LoginRun, destination: Destination, session: OmeroSession): void {
  try {
    run.store.remove(destination.server, session.eventContext.userName, session.uuid);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
  }
}
