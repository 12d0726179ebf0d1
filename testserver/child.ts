/** A child process that announces readiness with a line on stdout, stopped with SIGTERM. */

export interface ReadyChild {
  pid: number;
  /** Everything the child printed so far (stdout and stderr), for error messages. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`; resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
}

/** Spawns `command` and resolves once a stdout line contains `readyText`. */
export async function spawnReady(
  command: string,
  args: string[],
  readyText: string,
  timeoutMs = 10_000,
): Promise<ReadyChild> {
  const child = new Deno.Command(command, {
    args,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let output = "";
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => markReady = resolve);
  const drain = async (stream: ReadableStream<Uint8Array>) => {
    for await (const text of stream.pipeThrough(new TextDecoderStream())) {
      output += text;
      if (output.includes(readyText)) markReady();
    }
  };
  const drained = Promise.all([drain(child.stdout), drain(child.stderr)]);
  const status = child.status;

  const handle: ReadyChild = {
    pid: child.pid,
    output: () => output,
    async stop(graceMs = 3000) {
      try {
        child.kill("SIGTERM");
      } catch { /* already exited */ }
      const timer = setTimeout(() => {
        try {
          child.kill("SIGKILL");
        } catch { /* already exited */ }
      }, graceMs);
      await status;
      clearTimeout(timer);
      await drained;
    },
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const outcome = await Promise.race([
    ready.then(() => "ready" as const),
    status.then(() => "exited" as const),
    new Promise<"timeout">((resolve) => timer = setTimeout(() => resolve("timeout"), timeoutMs)),
  ]);
  clearTimeout(timer);
  if (outcome !== "ready") {
    await handle.stop();
    throw new Error(`${command} ${outcome} before it was ready:\n${output.trim()}`);
  }
  return handle;
}
