// Failures of the session store. All exit 1 and name the file involved.
import { CliError } from "../errors.ts";

export class StoreError extends CliError {}

/** The session file does not exist (callers treat this like an expired session). */
export class SessionNotFoundError extends StoreError {
  constructor(readonly path: string) {
    super(`no stored session at ${path}`);
  }
}

/**
 * A file in the store that cannot be read or is not what omero-py writes there. Such a file is
 * reported and kept, by every command: we never delete what we could not read.
 */
export class CorruptFileError extends StoreError {
  constructor(readonly path: string, readonly reason: string) {
    super(`cannot use ${path}: ${reason} (the file is kept)`);
  }
}

/** Deno's error text without the "(os error N): syscall 'path'" tail. */
export function describeOsError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/ \(os error \d+\).*$/su, "");
}
