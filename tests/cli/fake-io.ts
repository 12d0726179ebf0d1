// An in-memory IO for running commands without a process.
import type { IO } from "../../src/cli/io.ts";

export interface FakeIO extends IO {
  out: () => string;
  err: () => string;
}

export function fakeIO(env: Record<string, string>, overrides: Partial<IO> = {}): FakeIO {
  let stdout = "";
  let stderr = "";
  return {
    stdout: { write: (text) => void (stdout += text) },
    stderr: { write: (text) => void (stderr += text) },
    stdin: new ReadableStream({ start: (controller) => controller.close() }),
    isTerminal: { stdin: false, stdout: false, stderr: false },
    env,
    homeDir: "/nonexistent-home",
    cwd: "/",
    platform: "linux",
    programName: "omero-sessions",
    out: () => stdout,
    err: () => stderr,
    ...overrides,
  };
}
