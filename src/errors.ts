// The failures of this program's own layers (arguments, login, prompts, local files), as kinds
// that say what happened. Server failures have their own kinds in src/omero/errors.ts; which
// exit code each kind means is decided where the process ends (src/cli/exit-code.ts).

/**
 * A failure we expected, with a message meant for the user (exit 1 unless its kind says
 * otherwise); every other error that reaches the top is a bug, reported as an internal error.
 */
export class CliError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** What we were doing when `cause` happened; it keeps the cause's kind (and exit code). */
export class ContextualError extends CliError {
  constructor(message: string, override readonly cause: Error) {
    super(message, { cause });
  }
}

/** Bad option, bad argument, bad connection string or setting. */
export class UsageError extends CliError {}

/** Login gave up on the credentials: wrong passwords, a session key that cannot be joined. */
export class AuthError extends CliError {}

/** No current session, or the current session has expired. */
export class NoSessionError extends CliError {}

/** Refused before asking the server (not an admin, no Sudo privilege). */
export class PermissionError extends CliError {}

/** A prompt was needed but there is no terminal to ask on (no controlling terminal). */
export class NoTerminalError extends CliError {
  /** `hint` says how to give the value without a prompt. */
  constructor(what: string, hint?: string) {
    super(`cannot prompt for ${what}: no terminal${hint ? `; ${hint}` : ""}`);
  }
}

/** Ctrl-C at a prompt or while waiting. */
export class InterruptedError extends CliError {
  constructor() {
    super("Cancelled");
  }
}
