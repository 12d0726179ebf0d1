// What ends a long-running command: a signal, a time limit, or Enter on a terminal. One promise
// that settles on the first of them, and a `dispose` that removes every listener and timer.

export type StopReason = "signal" | "time" | "enter";

export interface StopSignal {
  stopped: Promise<StopReason>;
  dispose(): void;
}

export interface StopSources {
  signals?: readonly Deno.Signal[];
  /** Stop after this many seconds. */
  afterSeconds?: number;
  /** Stop when a line (or end of input) arrives here. */
  lines?: ReadableStream<Uint8Array>;
}

export function stopSignal(sources: StopSources): StopSignal {
  const cleanups: (() => void)[] = [];
  let stop!: (reason: StopReason) => void;
  const stopped = new Promise<StopReason>((resolve) => stop = resolve);

  for (const signal of sources.signals ?? []) {
    const listener = () => stop("signal");
    Deno.addSignalListener(signal, listener);
    cleanups.push(() => Deno.removeSignalListener(signal, listener));
  }
  if (sources.afterSeconds !== undefined) {
    const timer = setTimeout(() => stop("time"), sources.afterSeconds * 1000);
    cleanups.push(() => clearTimeout(timer));
  }
  if (sources.lines) {
    const reader = sources.lines.getReader();
    cleanups.push(() => {
      reader.cancel().catch(() => {});
      reader.releaseLock();
    });
    waitForLine(reader).then(() => stop("enter"), () => stop("enter"));
  }
  return { stopped, dispose: () => cleanups.forEach((cleanup) => cleanup()) };
}

async function waitForLine(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  for (;;) {
    const { done, value } = await reader.read();
    if (done || value.includes(0x0a)) return;
  }
}

/** Resolves after `ms`, or as soon as `stopped` settles (without leaving a timer behind). */
export function sleepUnless(ms: number, stopped: Promise<unknown>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    new Promise<void>((resolve) => timer = setTimeout(resolve, ms)),
    stopped.then(() => {}),
  ]).finally(() => clearTimeout(timer));
}
