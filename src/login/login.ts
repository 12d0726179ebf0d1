// omero-py's login algorithm with our changes, one step per module: reuse
// stops at the first stored session that works, an unreachable server never deletes a stored
// session, a wrong password from a non-interactive source fails at once (exit 3), and every
// message goes to stderr. The session is returned still open so that commands needing a server
// can use it.
import { resolveServer } from "../connection-string.ts";
import { NoSessionError } from "../errors.ts";
import { checkArguments, type LoginOptions } from "./arguments.ts";
import { askName, askServer } from "./ask-target.ts";
import { create } from "./create.ts";
import { finish, type LoginResult } from "./finish.ts";
import { joinByKey, noteKeyOverrides } from "./join-by-key.ts";
import { type Destination, type LoginContext, LoginRun } from "./login-run.ts";
import { reconnect } from "./reconnect.ts";
import { useCurrent } from "./use-current.ts";

export type { LoginContext, LoginResult };

export async function login(options: LoginOptions, context: LoginContext): Promise<LoginResult> {
  const run = new LoginRun(options, context);
  const target = checkArguments(options);
  // A bad server or port fails before any prompt or join.
  if (target.server !== undefined) resolveServer(target.server, target.port);

  const previous = context.store.getCurrent();
  if (options.key !== undefined) {
    noteKeyOverrides(run, target);
    target.name = options.key; // as in omero-py, so no user name is asked for
  } else if (!options.create) {
    const using = await useCurrent(run, target, previous);
    if (using) return finish(run, using);
  }

  // Steps 3–5: prompt for what is still missing, then the destination is fixed.
  if (target.server === undefined) {
    if (context.implicitFor !== undefined && !context.prompter.interactive) {
      throw new NoSessionError(
        `no current session: log in first with \`${context.implicitFor} login\``,
      );
    }
    await askServer(target, context);
  }
  if (target.name === undefined) await askName(target, context, previous.user);
  const server = target.server!;
  const destination: Destination = {
    server,
    name: target.name!,
    port: target.port,
    endpoint: resolveServer(server, target.port),
  };

  if (options.key !== undefined) return finish(run, await joinByKey(run, destination, options.key));
  if (!options.create) {
    const reconnected = await reconnect(run, destination);
    if (reconnected) return finish(run, reconnected);
  }
  return await create(run, destination);
}
