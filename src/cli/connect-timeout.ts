// The connect timeout: `--connect-timeout SECS` > env OMERO_CONNECT_TIMEOUT > 5 s.
import { UsageError } from "../errors.ts";
import { looksNumeric, MAX_TIMER_SECONDS, parsePositiveSeconds } from "./option-parsers.ts";

const DEFAULT_CONNECT_TIMEOUT_SECONDS = 5;

export function connectTimeoutMs(
  option: number | undefined,
  env: Readonly<Record<string, string | undefined>>,
): number {
  if (option !== undefined) return option * 1000;
  const fromEnv = env.OMERO_CONNECT_TIMEOUT;
  if (fromEnv === undefined || fromEnv === "") return DEFAULT_CONNECT_TIMEOUT_SECONDS * 1000;
  const seconds = parsePositiveSeconds(fromEnv);
  if (seconds === undefined) {
    const shown = looksNumeric(fromEnv) ? `, got "${fromEnv}"` : "";
    throw new UsageError(
      `OMERO_CONNECT_TIMEOUT: expected a positive number of seconds, at most ` +
        `${MAX_TIMER_SECONDS}${shown}`,
    );
  }
  return seconds * 1000;
}
