// Drives a command through a real pseudo-terminal (Python's pty module), for prompt tests.
import { fileURLToPath } from "node:url";

export type PtyStep = { expect: string } | { send: string };

export interface PtyResult {
  output: string;
  code: number;
  /** Terminal modes after the command ended: both must be back on. */
  echo: boolean;
  canonical: boolean;
  error: string | null;
}

const DRIVER = fileURLToPath(new URL("./pty_run.py", import.meta.url));

export async function runInPty(
  command: string[],
  steps: PtyStep[],
  options: {
    env?: Record<string, string>;
    cwd?: string;
    /** Give the command /dev/null for these streams; the pty stays its controlling terminal. */
    redirect?: ("stdin" | "stderr")[];
  } = {},
): Promise<PtyResult> {
  const flags = (options.redirect ?? []).map((stream) => `--${stream}-null`);
  const result = await new Deno.Command("/usr/bin/python3", {
    args: [DRIVER, JSON.stringify(steps), ...flags, "--", ...command],
    env: options.env,
    cwd: options.cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(result.stdout);
  if (!result.success) {
    throw new Error(`pty driver failed: ${new TextDecoder().decode(result.stderr)}`);
  }
  return JSON.parse(stdout) as PtyResult;
}

export const DENO = Deno.execPath();
