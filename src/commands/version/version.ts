// `version [--json]`: the client's version number alone on the first line (as `omero version`
// prints omero-py's), and the server's (IConfig.getVersion) on a second line when there is a
// current session that answers. Never prompts and never logs in: without a usable session
// only the client's version is printed (with a one-line note on stderr when the session failed).
import { lazyImport } from "../../lazy-import.ts";
import { escapeControl } from "../../control-chars.ts";
import { currentStoredSession } from "../shared/current-session.ts";
import { effectivePort, storedServer } from "../../connection-string.ts";
import { CliError, NoSessionError } from "../../errors.ts";
import type { StoredSession } from "../../store/session-store.ts";
import type { ConnectionOptions } from "../../login/options.ts";
import { CorruptFileError } from "../../store/store-errors.ts";
import { jsonDocument } from "../shared/json-document.ts";
import { CLIENT } from "./client.ts";
import type { CommandContext } from "../context.ts";

export interface VersionOptions extends ConnectionOptions {
  json?: boolean;
  sessionDir?: string;
}

interface ServerVersion {
  /** `host:port` of the current session. */
  server: string;
  version: string;
}

export async function run(options: VersionOptions, context: CommandContext): Promise<void> {
  const { io } = context;
  const client = { name: CLIENT.name, version: CLIENT.version };
  const server = await serverVersion(options, context);
  if (options.json) {
    io.stdout.write(jsonDocument({ client, server: server ?? null }));
    return;
  }
  io.stdout.write(`${client.version}\n`);
  if (server) {
    io.stdout.write(
      `server ${escapeControl(server.server)} OMERO ${escapeControl(server.version)}\n`,
    );
  }
}

async function serverVersion(
  options: VersionOptions,
  context: CommandContext,
): Promise<ServerVersion | undefined> {
  let stored: StoredSession;
  try {
    stored = currentStoredSession(context.store(options.sessionDir), context.programName);
  } catch (error) {
    if (error instanceof NoSessionError) return undefined;
    if (!(error instanceof CorruptFileError)) throw error;
    // Reported and kept: the client's version is still worth printing.
    context.io.stderr.write(`note: no server version: ${escapeControl(error.message)}\n`);
    return undefined;
  }
  try {
    // Loaded only with a session to ask: without one, `version` stays a local command.
    const { withStoredSession } = await lazyImport<typeof import("../../check/session-check.ts")>(
      "check/session-check.ts",
    );
    const server = `${stored.host}:${effectivePort(storedServer(stored))}`;
    const open = await context.opener(options);
    const version = await withStoredSession(stored, open, (session) => session.getVersion());
    return { server, version };
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    context.io.stderr.write(`note: no server version: ${escapeControl(error.message)}\n`);
    return undefined;
  }
}
