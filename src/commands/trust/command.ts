// `trust list` and `trust forget`: their options, declared next to their run (trust.ts).
import { branch, flag, leaf, positional } from "../../cli/argparse.ts";
import type { CommandContext } from "../context.ts";

export function trustCommand(context: CommandContext) {
  return branch({ name: "trust", summary: "Pinned server certificates", options: {} }, [
    leaf({
      name: "list",
      summary: "List pinned certificates",
      options: { json: flag("--json", "Print one JSON document") },
    }, async (values) => (await import("./trust.ts")).list(values, context.io)),
    leaf({
      name: "forget",
      summary: "Forget the certificate pinned for HOST[:PORT]",
      options: {},
      positionals: {
        hostPort: positional("<hostport>", "HOST[:PORT], or a ssl:// or wss:// URL"),
      },
    }, async ({ hostPort }) => (await import("./trust.ts")).forget(hostPort, context.io)),
  ]);
}
