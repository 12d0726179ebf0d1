// Reads one line from a terminal in raw mode, echoing it or not. Raw mode is used for every
// prompt (not only the hidden one) so that Ctrl-C arrives as a byte we can turn into a clean
// InterruptedError instead of a signal that would leave a blocked read behind.
import { InterruptedError } from "../errors.ts";

export interface RawInput {
  read(buffer: Uint8Array): Promise<number | null>;
  setRaw(mode: boolean): void;
}

/** The terminal reached end of input (Ctrl-D on an empty line, or the pty closed). */
export class EndOfInputError extends Error {
  constructor() {
    super("end of input at the prompt");
    this.name = "EndOfInputError";
  }
}

const CTRL_C = 0x03;
const CTRL_D = 0x04;
const BACKSPACE = 0x08;
const CTRL_U = 0x15;
const ESCAPE = 0x1b;
const DELETE = 0x7f;

const decoder = new TextDecoder();

/** Signals that would otherwise kill us while the terminal is raw; we restore it first. */
const FATAL_SIGNALS: [Deno.Signal, number][] = [["SIGTERM", 143], ["SIGHUP", 129]];

/**
 * Writes `prompt`, then reads keys until Enter. With `echo`, typed characters are written to
 * `output`; without it nothing of the input is ever written. The prompt is written only once the
 * terminal is raw, as getpass turns echo off before its prompt: a password typed as soon as
 * `Password:` shows is never echoed by the terminal. The mode is restored on every exit path.
 */
export async function readKeys(
  input: RawInput,
  output: (text: string) => void,
  echo: boolean,
  prompt: string,
): Promise<string> {
  const restoreAndExit = (code: number) => () => {
    input.setRaw(false);
    output("\n");
    Deno.exit(code);
  };
  const handlers = FATAL_SIGNALS.map(([signal, code]) => [signal, restoreAndExit(code)] as const);
  input.setRaw(true);
  for (const [signal, handler] of handlers) Deno.addSignalListener(signal, handler);
  try {
    output(prompt);
    return await collectLine(input, (text) => echo && output(text));
  } finally {
    for (const [signal, handler] of handlers) Deno.removeSignalListener(signal, handler);
    input.setRaw(false);
    output("\n");
  }
}

async function collectLine(input: RawInput, echo: (text: string) => void): Promise<string> {
  let line: number[] = [];
  let inEscape = false;
  const chunk = new Uint8Array(256);
  while (true) {
    const n = await input.read(chunk);
    if (n === null) throw new EndOfInputError();
    for (const byte of chunk.subarray(0, n)) {
      if (inEscape) {
        // CSI/SS3 sequences (arrow keys…) end with a letter or '~'; we ignore them.
        if ((byte >= 0x40 && byte <= 0x7e && byte !== 0x5b && byte !== 0x4f) || byte === 0x7e) {
          inEscape = false;
        }
        continue;
      }
      if (byte === 0x0d || byte === 0x0a) return decoder.decode(new Uint8Array(line));
      if (byte === CTRL_C) throw new InterruptedError();
      if (byte === CTRL_D) {
        if (line.length === 0) throw new EndOfInputError();
        continue;
      }
      if (byte === BACKSPACE || byte === DELETE) {
        const kept = withoutLastCharacter(line);
        if (kept.length < line.length) echo("\b \b");
        line = kept;
        continue;
      }
      if (byte === CTRL_U) {
        echo("\b \b".repeat(decoder.decode(new Uint8Array(line)).length));
        line = [];
        continue;
      }
      if (byte === ESCAPE) {
        inEscape = true;
        continue;
      }
      if (byte < 0x20) continue;
      line.push(byte);
      // Echo only complete UTF-8 characters: a lone lead byte would print as garbage.
      if (byte < 0x80 || isCompleteCharacterEnd(line)) echo(lastCharacter(line));
    }
  }
}

function withoutLastCharacter(bytes: number[]): number[] {
  let end = bytes.length - 1;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.slice(0, Math.max(end, 0));
}

function lastCharacter(bytes: number[]): string {
  const start = withoutLastCharacter(bytes).length;
  return decoder.decode(new Uint8Array(bytes.slice(start)));
}

function isCompleteCharacterEnd(bytes: number[]): boolean {
  const start = withoutLastCharacter(bytes).length;
  const lead = bytes[start];
  const expected = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return bytes.length - start === expected;
}
