// Background keep-alives for a session while something else runs; the first failure is
// reported once and ends the loop (the session is most likely gone).
import type { OmeroSession } from "../../omero/session.ts";

export interface KeepAliveLoop {
  stop(): void;
}

export function keepAliveEvery(
  session: OmeroSession,
  intervalMs: number,
  onFailure: (message: string) => void,
): KeepAliveLoop {
  let stopped = false;
  const timer = setInterval(async () => {
    try {
      await session.keepAlive();
    } catch (error) {
      // A call cut short by stop() and the disconnect after it is not a failure.
      if (stopped) return;
      clearInterval(timer);
      onFailure(error instanceof Error ? error.message : String(error));
    }
  }, intervalMs);
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
