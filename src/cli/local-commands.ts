// The command lines of the local commands that the parser would run with default options only
// (`key`, `file`, `list --offline`, `version`, also below `sessions`) start without it: loading
// the parser and every command's options is most of what they would cost over an empty
// `deno run` (docs/bench.md). Any other line (an option, -h, a typo) goes to the parser, which
// gives these lines exactly these options (tests/cli/local_commands_test.ts checks). `key` and
// `file` are three small modules, loaded with this one (an import by computed URL costs more
// than they do); `list` and `version` load theirs when they run.
import type { CommandContext } from "../commands/context.ts";
import * as file from "../commands/file/file.ts";
import * as key from "../commands/key/key.ts";
import { lazyImport } from "../lazy-import.ts";

export function localCommand(
  argv: readonly string[],
  context: CommandContext,
): (() => Promise<void>) | undefined {
  const words = argv[0] === "sessions" ? argv.slice(1) : argv;
  switch (JSON.stringify(words)) {
    case '["key"]':
      return () => Promise.resolve(key.run({}, context));
    case '["file"]':
      return () => Promise.resolve(file.run({}, context));
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
