// "Checking sessions: 3/20" on stderr while `list` waits for servers, only on a terminal so
// that logs and pipes stay clean. The line is erased when done.
import type { IO } from "../../cli/io.ts";

export interface Progress {
  tick(): void;
  done(): void;
}

export function progressLine(io: IO, total: number): Progress {
  if (!io.isTerminal.stderr || total === 0) return { tick() {}, done() {} };
  let settled = 0;
  const show = () => io.stderr.write(`\rChecking sessions: ${settled}/${total}`);
  show();
  return {
    tick() {
      settled++;
      show();
    },
    done() {
      io.stderr.write("\r\x1b[K");
    },
  };
}
