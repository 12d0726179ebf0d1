// The one check of every value written to the session store (session files and the `._LAST…_`
// markers) and to known_hosts. These files are line-based, so a value holding a line break
// would add lines of its own: a user name `carol\nomero.sudo=root` sent by a server became an
// `omero.sudo` line. Whatever the source (a server, an option, a file), such a value is refused
// before anything is written (docs/robustness.md).
import { escapeControl } from "../control-chars.ts";
import { StoreError } from "./store-errors.ts";

/** C0 controls (NUL, TAB, LF, CR, ESC, …), DEL and C1 controls. */
// deno-lint-ignore no-control-regex -- refusing control characters is this module's purpose
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

/** A value that must not be written: the message names what it is and shows it escaped. */
export class InvalidStoredValueError extends StoreError {
  constructor(readonly what: string, readonly value: string, reason: string) {
    super(`refusing to store ${what} "${escapeControl(value)}": ${reason}`);
  }
}

export interface ValueRules {
  /** Space-separated formats (known_hosts) refuse white space too. */
  noSpaces?: boolean;
}

/** `value` if it may be written; InvalidStoredValueError otherwise. `what` names it. */
export function checkStoredValue(value: string, what: string, rules: ValueRules = {}): string {
  if (CONTROL.test(value)) {
    throw new InvalidStoredValueError(what, value, "it contains control characters");
  }
  if (rules.noSpaces && /\s/u.test(value)) {
    throw new InvalidStoredValueError(what, value, "it contains white space");
  }
  return value;
}

/** Whether a value another program wrote would pass checkStoredValue. */
export function isStorableValue(value: string): boolean {
  return !CONTROL.test(value);
}

/**
 * User names and keys are directory and file names in the store: refuse anything that would
 * name another place (reading included), whether or not it could be written.
 */
export function checkPathSegment(name: string, what: string): string {
  if (!isPathSegment(name)) {
    throw new StoreError(`invalid ${what} for the session store: "${escapeControl(name)}"`);
  }
  return name;
}

/** Whether checkPathSegment accepts `name`. */
export function isPathSegment(name: string): boolean {
  return name !== "" && name !== "." && name !== ".." && !/[/\\\0]/u.test(name);
}

/** The names a session is stored under, each checked before any of them is written. */
export function checkSessionNames(host: string, user: string, uuid: string): void {
  checkStoredValue(host, "host");
  checkStoredValue(user, "user name");
  checkStoredValue(uuid, "session key");
}
