// Argument validators for the parser: a bad value is a usage error (exit 2) before any command runs.
import { InvalidArgumentError } from "@commander-js/extra-typings";

export function integer(value: string): number {
  if (!/^-?\d+$/u.test(value)) throw new InvalidArgumentError("expected an integer.");
  return Number(value);
}

/** A positive number of seconds (fractions allowed), or undefined. */
export function parsePositiveSeconds(text: string): number | undefined {
  const seconds = /^\d+(\.\d+)?$/u.test(text) ? Number(text) : NaN;
  return seconds > 0 ? seconds : undefined;
}

export function positiveSeconds(value: string): number {
  const seconds = parsePositiveSeconds(value);
  if (seconds === undefined) {
    throw new InvalidArgumentError("expected a positive number of seconds.");
  }
  return seconds;
}

/** A port as typed (omero-py keeps `-p` as a string); only its syntax and range are checked. */
export function port(value: string): string {
  if (!/^\d{1,5}$/u.test(value) || !(Number(value) >= 1 && Number(value) <= 65535)) {
    throw new InvalidArgumentError("expected a port number 1-65535.");
  }
  return value;
}

const UNIT_SECONDS: Record<string, number> = { "": 1, s: 1, m: 60, h: 3600 };

/** `90`, `90s`, `15m`, `2h` → seconds. */
export function duration(value: string): number {
  const match = /^(\d+(?:\.\d+)?)([smh]?)$/u.exec(value);
  if (!match || !(Number(match[1]) > 0)) {
    throw new InvalidArgumentError("expected a duration such as 90s, 15m or 2h.");
  }
  return Number(match[1]) * UNIT_SECONDS[match[2]];
}
