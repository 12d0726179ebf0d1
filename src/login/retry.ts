// `--retry SECS`: while the server cannot be reached for a reason that
// may pass (refused, connect timeout, temporary DNS failure, the server shutting down), try again
// every 3 s until SECS have passed, saying so on stderr. Unlike omero-py we do not retry a wrong
// password (that would only lock the account faster), nor a peer that is not an Ice server or a
// TLS or certificate failure: those do not go away by waiting.
import { UnreachableError } from "../omero/errors.ts";

const RETRY_PAUSE_MS = 3000;

export async function withRetry<T>(
  retrySeconds: number | undefined,
  say: (line: string) => void,
  attempt: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  for (let tries = 1;; tries++) {
    try {
      return await attempt();
    } catch (error) {
      const elapsed = (performance.now() - started) / 1000;
      if (!retrySeconds || !isTransient(error) || elapsed > retrySeconds) throw error;
      say(`${timeOfDay(new Date())}: Login retry #${tries} in ${RETRY_PAUSE_MS / 1000}s`);
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    }
  }
}

function isTransient(error: unknown): boolean {
  return error instanceof UnreachableError && error.transient;
}

/** `HH:MM:SS.ffffff` local time, as Python's `datetime.time` prints it. */
function timeOfDay(date: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  const micros = date.getMilliseconds() * 1000;
  const fraction = micros ? `.${String(micros).padStart(6, "0")}` : "";
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}${fraction}`;
}
