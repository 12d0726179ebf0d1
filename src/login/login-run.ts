// The state one login shares between its steps: what was asked for, where it
// goes, and the few actions every path needs (notices, joining a stored session, `-t`).
import { type ServerTarget, storedServer } from "../connection-string.ts";
import { CorruptFileError, SessionNotFoundError } from "../store/store-errors.ts";
import { isRefusal } from "../check/session-check.ts";
import type { Prompter } from "../prompt/prompter.ts";
import type { SessionStore, StoredSession } from "../store/session-store.ts";
import { joinSession, type OmeroSession, type SessionOpener } from "../omero/session.ts";
import type { LoginOptions } from "./arguments.ts";
import type { LoginAction } from "./banner.ts";

export interface LoginContext {
  store: SessionStore;
  prompter: Prompter;
  env: Readonly<Record<string, string | undefined>>;
  stdin: ReadableStream<Uint8Array>;
  /** One line on stderr. */
  say(line: string): void;
  open: SessionOpener;
  /**
   * Set for the implicit login of a server command (`who`, `groups`…), to the program's name:
   * with no current session and no terminal, it fails as "no current session" (exit 4) rather
   * than as a prompt for the server that cannot be shown.
   */
  implicitFor?: string;
}

/** Server, user and port once the prompts have filled the gaps. */
export interface Destination {
  server: string;
  name: string;
  port?: string;
  endpoint: ServerTarget;
}

/** What a successful step found; `becomesCurrent` says whether it becomes the current session. */
export interface Outcome {
  action: LoginAction;
  session: OmeroSession;
  /** The session as stored. */
  stored: StoredSession;
  becomesCurrent: boolean;
}

export class LoginRun {
  readonly #reported = new Set<string>();

  constructor(readonly options: LoginOptions, readonly context: LoginContext) {}

  get store(): SessionStore {
    return this.context.store;
  }

  /** A line on stderr that is shown at all times, also with `-q`. */
  say(line: string): void {
    this.context.say(line);
  }

  /** A line on stderr that `-q` silences. */
  note(line: string): void {
    if (!this.options.quiet) this.context.say(line);
  }

  /**
   * A stored session; undefined when there is none; its CorruptFileError, reported here once,
   * when its file cannot be read. Such a file is kept: no step of a login deletes it.
   */
  readStored(
    host: string,
    user: string,
    uuid: string,
  ): StoredSession | CorruptFileError | undefined {
    try {
      return this.store.get(host, user, uuid);
    } catch (error) {
      if (error instanceof SessionNotFoundError) return undefined;
      if (!(error instanceof CorruptFileError)) throw error;
      if (!this.#reported.has(error.path)) this.say(`warning: ${error.message}`);
      this.#reported.add(error.path);
      return error;
    }
  }

  /** Joins a stored session on its server; undefined when the server says it is gone. */
  joinStored(stored: StoredSession): Promise<OmeroSession | undefined> {
    return this.join(storedServer(stored), stored.uuid);
  }

  /** Joins the session `key` on `endpoint`; undefined when the server refuses it. */
  async join(endpoint: ServerTarget, key: string): Promise<OmeroSession | undefined> {
    try {
      return await joinSession(this.context.open, endpoint, key);
    } catch (error) {
      if (isRefusal(error)) return undefined;
      throw error;
    }
  }

  /** `-t` on a session this login made or adopted; a failed update is a notice, not a failure. */
  async applyTimeout(session: OmeroSession): Promise<void> {
    const { timeout } = this.options;
    if (timeout === undefined) return;
    const wanted = timeout * 1000;
    if (wanted === session.info.timeToIdle) return;
    const outcome = await session.setTimeToIdle(wanted);
    if (outcome) this.say(`Could not set the session timeout: ${outcome}`);
  }
}
