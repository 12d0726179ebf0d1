// Reference §4.4 step 8: create a new session ("Created"), with up to three password attempts.
// SPEC §5: a wrong password re-prompts only on a terminal; otherwise it fails at once (exit 3).
import { AuthError, CliError } from "../errors.ts";
import { AuthenticationRefusedError } from "../omero/errors.ts";
import type { Credentials, OmeroSession } from "../omero/session.ts";
import { buildLoginProps } from "../store/session-file.ts";
import type { Destination, LoginRun, Outcome } from "./login-run.ts";
import { askPassword, givenPassword } from "./password.ts";
import { withRetry } from "./retry.ts";
import { sudoLogin } from "./sudo.ts";

const MAX_PASSWORD_ATTEMPTS = 3;

export async function create(run: LoginRun, destination: Destination): Promise<Outcome> {
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

/** One attempt: log in (as `--sudo` ADMIN if given), apply `-t`, write the session's file. */
async function openAndStore(
  run: LoginRun,
  destination: Destination,
  credentials: Credentials,
): Promise<Outcome> {
  const { options, context, store } = run;
  const { server, name, port, endpoint } = destination;
  const { group, sudo, timeout } = options;
  const session = await withRetry(
    options.retry,
    context.say,
    () =>
      sudo !== undefined
        ? sudoLogin(context.open, endpoint, credentials, name, group)
        : context.open(endpoint, credentials, { group }),
  );
  // Stored under the user name the server reports, as omero-py does. A name or key the store
  // refuses (a line break in it) fails the login, and the new session must not outlive it.
  const user = session.eventContext.userName;
  try {
    await run.applyTimeout(session);
    const props = buildLoginProps({ group, host: server, user, port, timeout });
    store.add(server, user, session.uuid, props, sudo);
  } catch (error) {
    await closeCreated(session);
    throw error;
  }
  return {
    action: "Created",
    session,
    stored: store.get(server, user, session.uuid),
    becomesCurrent: true,
  };
}

/** Ends a session this login created and cannot hand over; the original failure is what counts. */
async function closeCreated(session: OmeroSession): Promise<void> {
  try {
    await session.closeServerSession();
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    // Unreachable now: the server ends the session at its idle timeout.
  }
}
