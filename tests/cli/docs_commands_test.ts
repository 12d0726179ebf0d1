// Every command line written in README.md and docs/*.md parses: the docs and the program cannot
// drift apart. Command lines are those in code blocks and inline code that start with the
// program's name, and the first cells of the command tables (`| \`who [--json]\` | … |`).
// Synopses are read with their brackets dropped (`status [-k KEY [-s SERVER]]` → `status -k KEY
// -s SERVER`), the last of `a|b` alternatives, and sample values for numeric placeholders.
import assert from "node:assert/strict";
import { parse } from "../../src/cli/argparse.ts";
import { buildProgram } from "../../src/cli/program.ts";
import { commandContext } from "../../src/cli/context.ts";
import { fakeIO } from "./fake-io.ts";

const ROOT = new URL("../../", import.meta.url);
const NAME = "omero-sessions";

/** Spans that show output or a grammar schema, not a command line. */
const NOT_COMMANDS = new Set([
  "omero-sessions [OPTIONS] sessions [OPTIONS] X [OPTIONS]", // the grammar's shape
]);

function documents(): [string, string][] {
  const docs = [...Deno.readDirSync(new URL("docs/", ROOT))]
    .filter((entry) => entry.name.endsWith(".md"))
    .map((entry) => `docs/${entry.name}`);
  return ["README.md", ...docs].map((path) => [path, Deno.readTextFileSync(new URL(path, ROOT))]);
}

/** The tables whose first column lists commands (without the program's name). */
const COMMAND_TABLES = new Set(["README.md", "docs/commands.md"]);

/** Command lines: in code blocks (after an optional `$ `) and in inline code spans. */
function commandLines(path: string, text: string, commands: Set<string>): string[] {
  const found: string[] = [];
  let inCode = false;
  for (const line of text.split("\n")) {
    if (COMMAND_TABLES.has(path) && line.startsWith("| `")) {
      const cell = line.split(/(?<!\\)\|/u)[1];
      for (const [, span] of cell.matchAll(/`([^`]+)`/gu)) {
        const command = span.replaceAll("\\|", "|");
        if (commands.has(command.split(" ")[0])) found.push(`${NAME} ${command}`);
      }
      continue;
    }
    if (line.trimStart().startsWith("```")) {
      inCode = !inCode;
      continue;
    }
    const candidates = inCode ? [line.trim()] : [...line.matchAll(/`([^`]+)`/gu)].map((m) => m[1]);
    for (const candidate of candidates) {
      // Where the program starts a command: line start, `$ `, `$(`, `<(`, after VAR=… .
      const start = /(?:^|\$ |\$\(|<\(|^\S+=\S+ )(omero-sessions(?: |$))/u.exec(candidate);
      if (!start) continue;
      const rest = candidate.slice(start.index + start[0].length - start[1].length);
      // Up to a comment, a pipe, a redirection, a closing `)`, `||`, `&&` or `;`.
      const command = rest.split(/\s+#|\s\|\s?|\s>|\)|\s\|\||\s&&|;/u)[0].trim();
      if (!NOT_COMMANDS.has(command)) found.push(command);
    }
  }
  return found;
}

/** What a placeholder of a synopsis stands for, where any word would not do. */
const SAMPLES: Record<string, string> = {
  SECS: "60",
  SECONDS: "60",
  ID: "1",
  DURATION: "15m",
  PORT: "4064",
};

/**
 * Shell words, quotes removed; `[`/`]` dropped; an alternative option (`NAME|--user-id ID`) keeps
 * the first; other alternatives (`list|forget`, `bash|zsh|fish`) the last.
 */
function words(command: string): string[] {
  const result: string[] = [];
  const synopsis = command.replace(/\|--?[\w-]+(?: [A-Z][A-Z_]*)?/gu, "");
  for (const match of synopsis.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/gu)) {
    if (match[3] === undefined) {
      result.push(match[1] ?? match[2]);
      continue;
    }
    const bare = match[3].replace(/[[\]]/gu, "").split("|").at(-1)!;
    if (bare !== "") result.push(SAMPLES[bare] ?? bare);
  }
  return result;
}

Deno.test("every command line in README.md and docs/*.md parses", () => {
  const tree = buildProgram(commandContext(fakeIO({})));
  const commands = new Set(tree.subcommands.map((command) => command.name));
  let count = 0;
  for (const [path, text] of documents()) {
    for (const line of commandLines(path, text, commands)) {
      const argv = words(line).slice(1);
      try {
        parse(tree, argv, NAME);
      } catch (error) {
        assert.fail(`${path}: \`${line}\` does not parse: ${(error as Error).message}`);
      }
      count++;
    }
  }
  // The walk itself must find the docs' examples.
  assert.ok(count > 40, `only ${count} command lines found`);
});
