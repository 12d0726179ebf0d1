// Argument validators for the parser: a bad value is a usage error (exit 2) before any command
// runs. Every number has an upper bound: a value past it would otherwise wrap on the wire (a
// session timeout is a 64-bit count of milliseconds) or overflow a timer (which then fires at once,
// so a huge `-f` turned keepalive into a busy loop and a huge connect timeout into an instant one).
import { InvalidValue } from "./argparse.ts";

/**
 * Rejected values of numeric options are repeated in errors only when they look like numbers
 * (`-p 99999` is, `-p Zq9secret` is not: it may be a password typed in the wrong place, and CI
 * logs keep what they print).
 */
const NUMERIC = /^[+-]?\d+(\.\d+)?[smh]?$/u;

/** Whether a rejected numeric value may be repeated in an error (see NUMERIC). */
export function looksNumeric(text: string): boolean {
  return NUMERIC.test(text);
}

/** Every numeric parser below fails through this, so the rule above holds for all of them. */
function notANumber(reason: string): never {
  throw new InvalidValue(reason, NUMERIC);
}

/** The longest delay a JavaScript timer can wait (2^31-1 ms), in whole seconds: about 24.8 days. */
export const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);
/** The largest session timeout, in seconds, whose milliseconds are still exact: about 285,000 years. */
export const MAX_SESSION_SECONDS = Math.floor(Number.MAX_SAFE_INTEGER / 1000);

/** A parser for whole numbers from `min` to `max`; `what` completes "expected …". */
export function integerIn(min: number, max: number, what: string): (value: string) => number {
  return (value) => {
    const number = /^[+-]?\d+$/u.test(value) ? Number(value) : NaN;
    if (!(number >= min && number <= max)) {
      notANumber(`${what} from ${min} to ${max}`);
    }
    return number;
  };
}

/** Ids of OMERO objects (users, groups): exact JavaScript integers. */
export const id = integerIn(0, Number.MAX_SAFE_INTEGER, "an id");

/** A positive number of seconds (fractions allowed) that a timer can wait, or undefined. */
export function parsePositiveSeconds(text: string): number | undefined {
  const seconds = /^\d+(\.\d+)?$/u.test(text) ? Number(text) : NaN;
  return seconds > 0 && seconds <= MAX_TIMER_SECONDS ? seconds : undefined;
}

export function positiveSeconds(value: string): number {
  const seconds = parsePositiveSeconds(value);
  if (seconds === undefined) {
    notANumber(`a positive number of seconds, at most ${MAX_TIMER_SECONDS}`);
  }
  return seconds;
}

/** A port as typed (omero-py keeps `-p` as a string); only its syntax and range are checked. */
export function port(value: string): string {
  if (!/^\d{1,5}$/u.test(value) || !(Number(value) >= 1 && Number(value) <= 65535)) {
    notANumber("a port number 1-65535");
  }
  return value;
}

const UNIT_SECONDS: Record<string, number> = { "": 1, s: 1, m: 60, h: 3600 };

/** `90`, `90s`, `15m`, `2h` → seconds, at most what a timer can wait. */
export function duration(value: string): number {
  const match = /^(\d+(?:\.\d+)?)([smh]?)$/u.exec(value);
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2]] : NaN;
  if (!(seconds > 0 && seconds <= MAX_TIMER_SECONDS)) {
    notANumber(`a duration such as 90s, 15m or 2h, at most ${MAX_TIMER_SECONDS}s`);
  }
  return seconds;
}
