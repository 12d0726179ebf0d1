// What every command gets besides its own options, as `run(options, context)`: built once where
// the process starts (src/cli/context.ts), with the members that cost something made on first
// use. The shape of the GitHub CLI's cmdutil.Factory; a test hands a command its own.
import type { IO } from "../cli/io.ts";
import type { ConnectionOptions } from "../login/options.ts";
import type { SessionOpener } from "../omero/session.ts";
import type { Prompter } from "../prompt/prompter.ts";
import type { SessionStore } from "../store/session-store.ts";

export interface CommandContext {
  readonly io: IO;
  /** The name the program was invoked by (`omero`, `omero-sessions`), for messages. */
  readonly programName: string;
  /** The session store (in the deprecated `--session-dir`, if given), opened on first use. */
  store(sessionDir?: string): SessionStore;
  /** Opens server sessions with these options' timeouts and TLS trust (loads the Ice client). */
  opener(options: ConnectionOptions): Promise<SessionOpener>;
  /** The login prompts; they look for a terminal at the first prompt. */
  readonly prompter: Prompter;
  /** `<OMERO user dir>/known_hosts`, where server certificates are pinned. */
  readonly knownHostsPath: string;
}
