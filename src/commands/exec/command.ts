// `exec`: its options, declared next to its run (exec.ts, loaded only when it runs).
import { lazyImport } from "../../lazy-import.ts";
import { leaf, positional } from "../../cli/argparse.ts";
import type { CommandContext } from "../context.ts";
import { type Above, CONNECTION, implicitLogin, TRANSPORT } from "../shared/options.ts";

export function execCommand(context: CommandContext) {
  return leaf({
    name: "exec",
    summary: "Run a command with the session in its environment",
    options: { key: CONNECTION.key, ...TRANSPORT },
    positionals: {
      command: positional("<command...>", "Command and arguments, after --", { verbatim: true }),
    },
  }, async (values, above: Above) => {
    const exec = await lazyImport<typeof import("./exec.ts")>("commands/exec/exec.ts");
    return await exec.run(
      { key: values.key, command: values.command, login: implicitLogin(above, values) },
      context,
    );
  });
}
