// The login prompts: `Server: [default]`, `Username: [default]` and the hidden `Password:`.
// Prompts go to stderr so that stdout only ever carries the value a command was asked for.
import { lazyImport } from "../lazy-import.ts";
import { escapeControl } from "../control-chars.ts";
import { CliError, NoTerminalError } from "../errors.ts";
import type { RawInput } from "./key-reader.ts";
import { isOsError } from "../fs/os-error.ts";

export interface PromptTerminal {
  /** Keys, read in raw mode. */
  input: RawInput;
  /** The prompt text and the echo. */
  write(text: string): void;
}

/** How a prompt's value can be given without a terminal, for the error that says there is none. */
const NON_INTERACTIVE = {
  secret: "give it with -w, --password-stdin, --password-file or OMERO_PASSWORD",
  plain: "give the server and user with -s and -u or a connection string ([USER@]SERVER[:PORT])",
};

export class Prompter {
  #terminal: PromptTerminal | undefined;
  #looked = false;

  /** `find` is asked once, at the first prompt (or `interactive`), for the terminal to use. */
  constructor(private readonly find: () => PromptTerminal | undefined) {}

  /** True when a prompt can be shown; otherwise every prompt fails with NoTerminalError. */
  get interactive(): boolean {
    return this.#find() !== undefined;
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
      this.#find()!.write("Input required\n");
    }
  }

  #find(): PromptTerminal | undefined {
    if (!this.#looked) {
      this.#terminal = this.find();
      this.#looked = true;
    }
    return this.#terminal;
  }

  private async read(prompt: string, what: string, echo: boolean): Promise<string> {
    const terminal = this.#find();
    if (!terminal) {
      throw new NoTerminalError(what, echo ? NON_INTERACTIVE.plain : NON_INTERACTIVE.secret);
    }
    // The key reader is loaded with the first prompt: commands that never ask do not pay for it.
    const keys = await lazyImport<typeof import("./key-reader.ts")>("prompt/key-reader.ts");
    try {
      return await keys.readKeys(terminal.input, (text) => terminal.write(text), echo, prompt);
    } catch (error) {
      // Ctrl-D: the user gave up on the prompt; a plain error, not Ctrl-C's 130.
      if (error instanceof keys.EndOfInputError) {
        throw new CliError(`no ${what} given (end of input)`);
      }
      throw error;
    }
  }
}

/** What the prompter needs to know of the process: which sides are terminals, and the OS. */
export interface TerminalSides {
  readonly isTerminal: { readonly stdin: boolean; readonly stderr: boolean };
  readonly stderr: { write(text: string): void };
  readonly platform: string;
}

/**
 * Prompts like getpass, ssh and sudo: on stdin and stderr when both are the terminal, else on
 * the process's controlling terminal (/dev/tty, read and written), so `login 2>log` and
 * `… | login` still ask. Without a controlling terminal (CI, cron, setsid) every prompt fails
 * with NoTerminalError, which names the non-interactive ways.
 */
export function terminalPrompter(io: TerminalSides): Prompter {
  return new Prompter(() => {
    if (io.isTerminal.stdin && io.isTerminal.stderr) {
      return { input: Deno.stdin, write: (text) => io.stderr.write(text) };
    }
    return io.platform === "windows" ? undefined : controllingTerminal();
  });
}

function controllingTerminal(): PromptTerminal | undefined {
  let tty: Deno.FsFile;
  try {
    tty = Deno.openSync("/dev/tty", { read: true, write: true });
  } catch (error) {
    // ENXIO: this process has no controlling terminal.
    if (!isOsError(error)) throw error;
    return undefined;
  }
  if (!tty.isTerminal()) {
    tty.close();
    return undefined;
  }
  const encoder = new TextEncoder();
  return {
    input: tty,
    write(text) {
      const data = encoder.encode(text);
      for (let written = 0; written < data.length;) {
        written += tty.writeSync(data.subarray(written));
      }
    },
  };
}
