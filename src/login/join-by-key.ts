// `-k KEY` joins an existing session ("Joined") and never asks
// for a password. A key stored here is joined with its own file; a foreign one (as in omero-py)
// gets a file under the user the server reports but does not become current.
import { AuthError } from "../errors.ts";
import { buildLoginProps, type SessionProps } from "../store/session-file.ts";
import type { LoginTarget } from "./arguments.ts";
import type { Destination, LoginRun, Outcome } from "./login-run.ts";
import { sameServerPort } from "./same-port.ts";

/** Step 1: what `-k` overrides, said before anything else happens. */
export function noteKeyOverrides(run: LoginRun, target: LoginTarget): void {
  const { options } = run;
  if (target.name !== undefined) run.note("Overriding name since session key set");
  if (options.group !== undefined) run.note("Ignoring group since session key set");
  if (options.password !== undefined) run.note("Ignoring password since session key set");
}

/** Step 6: a key that cannot be joined is exit 3, whichever way it failed. */
export async function joinByKey(
  run: LoginRun,
  destination: Destination,
  key: string,
): Promise<Outcome> {
  const { server, port } = destination;
  const owner = run.store.findNameByKey(server, key);
  const where = port === undefined ? server : `${server}:${port}`;
  const outcome = owner === undefined
    ? await joinForeignKey(run, destination, key)
    : await joinStoredKey(run, destination, owner, key);
  if (outcome) return outcome;
  throw new AuthError(`Bad session key. Cannot join ${key} on ${where}.`);
}

async function joinForeignKey(run: LoginRun, destination: Destination, key: string) {
  const { server, port, endpoint } = destination;
  const session = await run.join(endpoint, key);
  if (!session) return undefined;
  await run.applyTimeout(session);
  const user = session.eventContext.userName;
  // `-g` is really ignored here (omero-py says so but applies it).
  const props = buildLoginProps({ host: server, user, port, timeout: run.options.timeout });
  run.store.add(server, user, session.uuid, props);
  const stored = run.store.get(server, user, session.uuid);
  return { action: "Joined", session, stored, becomesCurrent: false } satisfies Outcome;
}

/** Only the port may conflict: `-g` is ignored with `-k`. */
async function joinStoredKey(run: LoginRun, destination: Destination, owner: string, key: string) {
  const { store } = run;
  const { server } = destination;
  const stored = run.readStored(server, owner, key);
  if (!stored) return undefined;
  // Joining it as a foreign key would overwrite the file we could not read.
  if (stored instanceof Error) throw stored;
  const conflicts = store.conflicts(server, owner, key, portOnly(destination.port), {
    checkGroup: false,
    samePort: sameServerPort(server),
  });
  if (conflicts.length > 0) return undefined;
  const session = await run.joinStored(stored);
  if (!session) {
    store.remove(server, owner, key);
    return undefined;
  }
  return { action: "Joined", session, stored, becomesCurrent: true } satisfies Outcome;
}

function portOnly(port: string | undefined): SessionProps {
  const props: SessionProps = new Map();
  if (port !== undefined) props.set("omero.port", port);
  return props;
}
