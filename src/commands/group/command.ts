// `group`, and `group list`/`group info` below it: their options, declared next to their run
// (group.ts, group-list.ts, loaded only when they run).
import { lazyImport } from "../../lazy-import.ts";
import {
  flag,
  leaf,
  oneOf,
  type OptionValues,
  positional,
  value,
  values,
} from "../../cli/argparse.ts";
import { TABLE_STYLES } from "../../table.ts";
import type { CommandContext } from "../context.ts";
import { type Above, implicitLogin, onlyOne, SESSION_DIR, TRANSPORT } from "../shared/options.ts";

export function groupCommand(context: CommandContext, plugin: boolean) {
  return leaf({
    name: "group",
    summary: "Show the session's group, or switch it by id or name",
    options: { ...TRANSPORT, ...SESSION_DIR },
    positionals: { target: positional("[target]", "Id or name of the group to switch to") },
  }, async (values, above: Above) => {
    const group = await lazyImport<typeof import("./group.ts")>("commands/group/group.ts");
    await group.run({ target: values.target, login: implicitLogin(above, values) }, context);
  }, plugin ? groupPlugin(context) : []);
}

/** omero-py's options of the group tables (with --json, ours). */
const GROUP_TABLE = {
  count: flag("--count", "Print the numbers of owners and members (default)"),
  long: flag("--long", "Print the ids of owners and members, comma-separated"),
  sortById: flag("--sort-by-id", "Sort groups by id (default)"),
  sortByName: flag("--sort-by-name", "Sort groups by name"),
  style: value("--style", "STYLE", `Output style: ${TABLE_STYLES.join(", ")} (default sql)`, {
    parse: oneOf(TABLE_STYLES),
  }),
  json: flag("--json", "Print one JSON document", { ours: true }),
  ...TRANSPORT,
  ...SESSION_DIR,
};

function checkGroupTable(values: OptionValues<typeof GROUP_TABLE>): void {
  onlyOne(values.long || undefined, "--long", values.count || undefined, "--count");
  onlyOne(
    values.sortById || undefined,
    "--sort-by-id",
    values.sortByName || undefined,
    "--sort-by-name",
  );
}

/** `group list` and `group info [GROUP...]`, under the top-level `group`. */
function groupPlugin(context: CommandContext) {
  return [
    leaf({ name: "list", summary: "List all groups", options: GROUP_TABLE }, async (
      values,
      above: Above,
    ) => {
      checkGroupTable(values);
      const groupList = await lazyImport<typeof import("./group-list.ts")>(
        "commands/group/group-list.ts",
      );
      await groupList.list({ ...values, login: implicitLogin(above, values) }, context);
    }),
    leaf({
      name: "info",
      summary: "List the given groups (default: the session's group)",
      options: {
        groupId: values("--group-id", "ID", "Id of the group(s)"),
        groupName: values("--group-name", "NAME", "Name of the group(s)"),
        ...GROUP_TABLE,
      },
      positionals: { groups: positional("[group...]", "Id or name of the group(s)") },
    }, async (options, above: Above) => {
      checkGroupTable(options);
      const groupList = await lazyImport<typeof import("./group-list.ts")>(
        "commands/group/group-list.ts",
      );
      await groupList.info({ ...options, login: implicitLogin(above, options) }, context);
    }),
  ];
}
