// The login prompts: `Server: [default]`, `Username: [default]` and the hidden `Password:`.
// Prompts go to stderr so that stdout only ever carries the value a command was asked for.
import { escapeControl } from "../control-chars.ts";
import type { IO } from "../cli/io.ts";
import { CliError, NoTerminalError } from "../errors.ts";
import { EndOfInputError, type RawInput, readKeys } from "./key-reader.ts";

export interface PromptTerminal {
  input: RawInput;
  /** Prompts need both: keys come from stdin, the prompt text and echo go to stderr. */
  inputIsTerminal: boolean;
  outputIsTerminal: boolean;
  write(text: string): void;
}

export class Prompter {
  constructor(private readonly terminal: PromptTerminal) {}

  /** True when a prompt can be shown; otherwise every prompt fails with NoTerminalError. */
  get interactive(): boolean {
    return this.terminal.inputIsTerminal && this.terminal.outputIsTerminal;
  }

  /**
   * `label [default]`; an empty answer yields the default. `what` names it in errors. The default
   * comes from the store's markers, so it is shown with control characters escaped.
   */
  async askWithDefault(label: string, defaultValue: string, what: string): Promise<string> {
    const answer = await this.read(`${label} [${escapeControl(defaultValue)}]`, what, true);
    return answer === "" ? defaultValue : answer;
  }

  /** Hidden input; an empty answer prints `Input required` and asks again. */
  async askSecret(label: string, what: string): Promise<string> {
    while (true) {
      const answer = await this.read(label, what, false);
      if (answer !== "") return answer;
      this.terminal.write("Input required\n");
    }
  }

  private async read(prompt: string, what: string, echo: boolean): Promise<string> {
    if (!this.interactive) throw new NoTerminalError(what);
    this.terminal.write(prompt);
    try {
      return await readKeys(this.terminal.input, (text) => this.terminal.write(text), echo);
    } catch (error) {
      // Ctrl-D: the user gave up on the prompt; a plain error, not Ctrl-C's 130.
      if (error instanceof EndOfInputError) throw new CliError(`no ${what} given (end of input)`);
      throw error;
    }
  }
}

/** Keys come from the process's terminal; without one every prompt fails with exit 8. */
export function terminalPrompter(io: IO): Prompter {
  return new Prompter({
    input: Deno.stdin,
    inputIsTerminal: io.isTerminal.stdin,
    outputIsTerminal: io.isTerminal.stderr,
    write: (text) => io.stderr.write(text),
  });
}
