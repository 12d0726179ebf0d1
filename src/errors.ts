// Every failure the CLI reports is one of these, so that the exit code (SPEC §5) is decided
// in one place: main.ts prints `error.message` on stderr and exits with `error.exitCode`.

export const ExitCode = {
  ok: 0,
  other: 1,
  usage: 2,
  auth: 3,
  noSession: 4,
  unreachable: 5,
  certMismatch: 6,
  permission: 7,
  noTerminal: 8,
  interrupted: 130,
} as const;

export type ExitCodeValue = typeof ExitCode[keyof typeof ExitCode];

export class CliError extends Error {
  constructor(message: string, readonly exitCode: ExitCodeValue = ExitCode.other) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad option, bad argument, bad connection string. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.usage);
  }
}

/** Wrong password, bad or expired session key given explicitly. */
export class AuthError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.auth);
  }
}

/** No current session, or the current session has expired. */
export class NoSessionError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.noSession);
  }
}

/** DNS failure, connection refused, connect timeout, TLS handshake failure. */
export class UnreachableError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.unreachable);
  }
}

/** The server's certificate does not match the one pinned in known_hosts. */
export class CertificateMismatchError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.certMismatch);
  }
}

/** SecurityViolation, sudo not allowed, not a member of the group. */
export class PermissionError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.permission);
  }
}

/** A prompt was needed but stdin or stderr is not a terminal. */
export class NoTerminalError extends CliError {
  constructor(what: string) {
    super(`cannot prompt for ${what}: not a terminal`, ExitCode.noTerminal);
  }
}

/** Ctrl-C at a prompt or while waiting. */
export class InterruptedError extends CliError {
  constructor() {
    super("Cancelled", ExitCode.interrupted);
  }
}
