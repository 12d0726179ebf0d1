// `open`: its options, declared next to its run (open.ts, loaded only when it runs).
import { lazyImport } from "../../lazy-import.ts";
import { leaf, value } from "../../cli/argparse.ts";
import { id } from "../../cli/option-parsers.ts";
import { UsageError } from "../../errors.ts";
import type { CommandContext } from "../context.ts";
import {
  type Above,
  implicitLogin,
  onlyOne,
  sessionSeconds,
  TRANSPORT,
} from "../shared/options.ts";

export function openCommand(context: CommandContext) {
  return leaf({
    name: "open",
    summary: "Create a session for a user (administrators)",
    options: {
      userId: value("--user-id", "ID", "User id", { parse: id }),
      userName: value("--user-name", "NAME", "User name"),
      groupId: value("--group-id", "ID", "Group id", { parse: id }),
      groupName: value("--group-name", "NAME", "Group name"),
      timeout: value("--timeout", "SECONDS", "Lifetime in seconds (default 0: the maximum)", {
        parse: sessionSeconds(0),
      }),
      ...TRANSPORT,
    },
  }, async (values, above: Above) => {
    onlyOne(values.userId, "--user-id", values.userName, "--user-name");
    onlyOne(values.groupId, "--group-id", values.groupName, "--group-name");
    if (values.userId === undefined && values.userName === undefined) {
      throw new UsageError("open: one of --user-id or --user-name is required");
    }
    const open = await lazyImport<typeof import("./open.ts")>("commands/open/open.ts");
    await open.run({ ...values, login: implicitLogin(above, values) }, context);
  });
}
