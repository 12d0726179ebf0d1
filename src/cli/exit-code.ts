// The one place where a failure becomes an exit code (the table in the README): from the kinds
// of src/omero/errors.ts, src/errors.ts, the trust policy's (src/trust/errors.ts) and the store's
// errors. Nothing below this layer knows these numbers.
import {
  AuthError,
  ContextualError,
  InterruptedError,
  NoSessionError,
  NoTerminalError,
  PermissionError,
  UsageError,
} from "../errors.ts";
import {
  AuthenticationRefusedError,
  PermissionDeniedError,
  SessionGoneError,
  UnreachableError,
} from "../omero/errors.ts";
import { ArgumentError } from "./argparse.ts";
import { ExitCode, type ExitCodeValue } from "./exit-codes.ts";
import { CertificateRefusedError } from "../trust/errors.ts";

export { ExitCode, type ExitCodeValue };

// deno-lint-ignore no-explicit-any
type Kind = abstract new (...args: any[]) => Error;

/** First match wins; a kind not listed is exit 1. */
const CODES: readonly (readonly [Kind, ExitCodeValue])[] = [
  [UsageError, ExitCode.usage],
  [ArgumentError, ExitCode.usage],
  [AuthError, ExitCode.auth],
  [AuthenticationRefusedError, ExitCode.auth],
  [NoSessionError, ExitCode.noSession],
  [SessionGoneError, ExitCode.noSession],
  [UnreachableError, ExitCode.unreachable],
  [CertificateRefusedError, ExitCode.certificate],
  [PermissionError, ExitCode.permission],
  [PermissionDeniedError, ExitCode.permission],
  [NoTerminalError, ExitCode.noTerminal],
  [InterruptedError, ExitCode.interrupted],
];

export function exitCodeFor(error: unknown): ExitCodeValue {
  if (error instanceof ContextualError) return exitCodeFor(error.cause);
  for (const [kind, code] of CODES) if (error instanceof kind) return code;
  return ExitCode.other;
}
