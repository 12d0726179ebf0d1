// `trust list` and `trust forget`: their options, declared next to their run (trust.ts).
import { lazyImport } from "../../lazy-import.ts";
import { branch, flag, leaf, positional } from "../../cli/argparse.ts";
import type { CommandContext } from "../context.ts";

export function trustCommand(context: CommandContext) {
  return branch({
    name: "trust",
    summary: "How server certificates are trusted (CA-verified or pinned)",
    options: {},
  }, [
    leaf(
      {
        name: "list",
        summary: "List the servers in known_hosts and how each is trusted",
        options: { json: flag("--json", "Print one JSON document") },
      },
      async (values) =>
        (await lazyImport<typeof import("./trust.ts")>("commands/trust/trust.ts")).list(
          values,
          context,
        ),
    ),
    leaf(
      {
        name: "forget",
        summary: "Forget the certificate recorded or pinned for HOST[:PORT]",
        options: {},
        positionals: {
          hostPort: positional("<hostport>", "HOST[:PORT], or a ssl:// or wss:// URL"),
        },
      },
      async (values) =>
        (await lazyImport<typeof import("./trust.ts")>("commands/trust/trust.ts")).forget(
          values,
          context,
        ),
    ),
  ]);
}
