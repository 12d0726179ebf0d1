// Asks for the server and the user name that the command line left
// out, offering the last ones used. The prompter refuses without a terminal (exit 8).
import { resolveServer, splitConnectionString } from "../connection-string.ts";
import { DEFAULT_PORT } from "../store/session-store.ts";
import type { LoginTarget } from "./arguments.ts";
import type { LoginContext } from "./login-run.ts";

export async function askServer(target: LoginTarget, context: LoginContext): Promise<void> {
  const { store, prompter } = context;
  const lastHost = store.lastHost();
  const port = target.port ?? store.lastPort();
  const isUrl = lastHost.includes("://");
  // omero-py#359: a URL host with `:4064` appended would connect to the wrong port.
  const shown = isUrl && port === DEFAULT_PORT ? lastHost : `${lastHost}:${port}`;
  const answer = await prompter.askWithDefault("Server:", shown, "server");
  if (answer === shown) {
    target.server = lastHost;
    if (!(isUrl && port === DEFAULT_PORT)) target.port = port;
    return;
  }
  const typed = splitConnectionString(answer);
  target.server = typed.server;
  if (typed.user !== undefined) target.name = typed.user;
  // Unlike omero-py, a port given with -p survives typing a host without one.
  if (typed.port !== undefined) target.port = typed.port;
  resolveServer(target.server, target.port);
}

/** The default is the last user of the last host, else the OS login name, else `root`. */
export async function askName(
  target: LoginTarget,
  context: LoginContext,
  previousUser: string | undefined,
): Promise<void> {
  const env = context.env;
  const fallback = previousUser || env.LOGNAME || env.USER || env.LNAME || env.USERNAME || "root";
  target.name = await context.prompter.askWithDefault("Username:", fallback, "username");
}
