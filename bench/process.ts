// Wall time of one whole process, from spawn to exit; a run that fails aborts the benchmark
// (a fast failure must never pass for a fast command).

export interface ProcessSpec {
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** Exit codes besides 0 that count as a run (e.g. a client expected to report failures). */
  alsoOk?: number[];
}

export interface ProcessRun {
  ms: number;
  stdout: string;
  stderr: string;
}

export async function runProcess(spec: ProcessSpec): Promise<ProcessRun> {
  const start = performance.now();
  const output = await new Deno.Command(spec.command, {
    args: spec.args,
    env: spec.env,
    cwd: spec.cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const ms = performance.now() - start;
  const decoder = new TextDecoder();
  const stdout = decoder.decode(output.stdout);
  const stderr = decoder.decode(output.stderr);
  if (!output.success && !spec.alsoOk?.includes(output.code)) {
    const line = [spec.command, ...spec.args].join(" ");
    throw new Error(`benchmark command failed (exit ${output.code}): ${line}\n${stderr}`);
  }
  return { ms, stdout, stderr };
}

/** Times `spec`, checking its output with `check` (which throws on a wrong result). */
export function timedProcess(
  spec: ProcessSpec,
  check: (run: ProcessRun) => void = () => {},
): () => Promise<number> {
  return async () => {
    const run = await runProcess(spec);
    check(run);
    return run.ms;
  };
}
