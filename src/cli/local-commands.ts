// The command lines of the local commands that the parser would run with default options only
// (`key`, `file`, `list --offline`, `version`, also below `sessions`) start without it: loading
// the parser and every command's options is most of what they would cost over an empty
// `deno run` (docs/bench.md). Any other line (an option, -h, a typo) goes to the parser, which
// gives these lines exactly these options (tests/cli/local_commands_test.ts checks).
import type { CommandContext } from "../commands/context.ts";
import { lazyImport } from "../lazy-import.ts";

/** The run of `argv` if it is one of these lines; else undefined (the parser decides). */
export function localCommand(
  argv: readonly string[],
  context: CommandContext,
): (() => Promise<void>) | undefined {
  const words = argv[0] === "sessions" ? argv.slice(1) : argv;
  switch (JSON.stringify(words)) {
    case '["key"]':
      return async () =>
        (await lazyImport<typeof import("../commands/key/key.ts")>("commands/key/key.ts"))
          .run({}, context);
    case '["file"]':
      return async () =>
        (await lazyImport<typeof import("../commands/file/file.ts")>("commands/file/file.ts"))
          .run({}, context);
    case '["list","--offline"]':
      return async () =>
        await (await lazyImport<typeof import("../commands/list/list.ts")>("commands/list/list.ts"))
          .run({ purge: true, offline: true }, context);
    case '["version"]':
      return async () =>
        await (await lazyImport<typeof import("../commands/version/version.ts")>(
          "commands/version/version.ts",
        )).run({}, context);
  }
  return undefined;
}
