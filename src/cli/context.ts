// The one CommandContext of a process, built from its IO where it starts (src/cli/start.ts).
// Members are made on first use and kept: `key` opens the store and nothing else; the Ice client
// is loaded only by a command that opens a session.
import { lazyImport } from "../lazy-import.ts";
import type { CommandContext } from "../commands/context.ts";
import type { ConnectionOptions } from "../login/options.ts";
import { terminalPrompter } from "../prompt/prompter.ts";
import type { SessionStore } from "../store/session-store.ts";
import type { IO } from "./io.ts";
import { knownHostsPath } from "../trust/known-hosts-path.ts";
import { openStore } from "./open-store.ts";

export function commandContext(io: IO): CommandContext {
  const stores = new Map<string | undefined, SessionStore>();
  let prompter: CommandContext["prompter"] | undefined;
  let knownHosts: string | undefined;
  const context: CommandContext = {
    io,
    programName: io.programName,
    store(sessionDir) {
      let store = stores.get(sessionDir);
      if (!store) stores.set(sessionDir, store = openStore(io, sessionDir));
      return store;
    },
    async opener(options: ConnectionOptions) {
      // The timeout's parser too: it loads the option parsers, which local commands never need.
      const [{ clientSettings }, { sessionOpener }, { connectTimeoutMs }] = await Promise.all([
        lazyImport<typeof import("../login/client-settings.ts")>("login/client-settings.ts"),
        lazyImport<typeof import("../omero/session.ts")>("omero/session.ts"),
        lazyImport<typeof import("./connect-timeout.ts")>("cli/connect-timeout.ts"),
      ]);
      return sessionOpener(
        await clientSettings(options, {
          env: io.env,
          platform: io.platform,
          programName: io.programName,
          notice: (line) => io.stderr.write(`${line}\n`),
          // `--connect-timeout` when given, else OMERO_CONNECT_TIMEOUT, else 5 s.
          connectTimeoutMs: connectTimeoutMs(options.connectTimeout, io.env),
          knownHostsPath: () => context.knownHostsPath,
        }),
      );
    },
    get prompter() {
      return prompter ??= terminalPrompter(io);
    },
    get knownHostsPath() {
      return knownHosts ??= knownHostsPath(io);
    },
  };
  return context;
}
