// omero-py's group-plugin table (`group list`, `group info`): `id | name | perms | ldap | # of
// owners | # of members`, or the owner and member ids with --long; sorted by id unless
// --sort-by-name. "Members" are the non-owners, as omero-py counts them.
import type { Group } from "../../omero/model.ts";
import { permissionsString } from "../../omero/permissions.ts";
import { renderTable, type TableStyle } from "../../table.ts";
import { jsonDocument } from "../shared/json-document.ts";

export interface GroupTableOptions {
  /** Owner and member ids (comma-separated) instead of their counts. */
  long?: boolean;
  sortByName?: boolean;
  style?: TableStyle;
  /** One JSON document with stable keys instead of the table. */
  json?: boolean;
}

const HEADERS = ["id", "name", "perms", "ldap"];
const COUNT_HEADERS = ["# of owners", "# of members"];
const LONG_HEADERS = ["owner ids", "member ids"];

export function renderGroups(groups: readonly Group[], options: GroupTableOptions): string {
  const sorted = [...groups].sort(options.sortByName ? byName : byId);
  if (options.json) return jsonDocument({ groups: sorted.map(groupJson) });
  const headers = [...HEADERS, ...(options.long ? LONG_HEADERS : COUNT_HEADERS)];
  return renderTable(headers, sorted.map((group) => row(group, options.long)), options.style);
}

function row(group: Group, long = false): string[] {
  const cells = [
    String(group.id),
    group.name,
    group.perm1 === undefined ? "" : permissionsString(group.perm1),
    group.ldap === undefined ? "" : group.ldap ? "True" : "False",
  ];
  const roles = memberIds(group);
  if (roles === undefined) return [...cells, "", ""];
  // omero-py sorts the ids as text ("10" before "9").
  const ids = (list: bigint[]) => list.map(String).sort().join(",");
  return long
    ? [...cells, ids(roles.owners), ids(roles.members)]
    : [...cells, String(roles.owners.length), String(roles.members.length)];
}

function groupJson(group: Group) {
  const roles = memberIds(group);
  const numbers = (list: bigint[] | undefined) =>
    list === undefined ? null : list.map(Number).sort((a, b) => a - b);
  return {
    id: Number(group.id),
    name: group.name,
    permissions: group.perm1 === undefined ? null : permissionsString(group.perm1),
    ldap: group.ldap ?? null,
    ownerIds: numbers(roles?.owners),
    memberIds: numbers(roles?.members),
  };
}

function memberIds(group: Group): { owners: bigint[]; members: bigint[] } | undefined {
  if (group.members === undefined) return undefined;
  return {
    owners: group.members.filter((m) => m.owner).map((m) => m.id),
    members: group.members.filter((m) => !m.owner).map((m) => m.id),
  };
}

function byId(a: Group, b: Group): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** By code point, as Python compares strings. */
function byName(a: Group, b: Group): number {
  const x = [...a.name].map((c) => c.codePointAt(0)!);
  const y = [...b.name].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] - y[i];
  }
  return x.length - y.length;
}
