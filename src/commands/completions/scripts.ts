// Completion scripts for bash, zsh and fish, generated from the command tree. All three walk the
// words typed so far the same way: a word naming a subcommand of the current node descends into
// it, a flag that takes a value skips the next word; then they offer the current node's
// subcommands and argument choices, or its flags when the word starts with `-`.
import { type CommandNode, walkTree } from "./command-tree.ts";

export type Shell = "bash" | "zsh" | "fish";

export function completionScript(shell: Shell, root: CommandNode): string {
  const prefix = `_${root.name.replace(/[^A-Za-z0-9]/gu, "_")}`;
  switch (shell) {
    case "bash":
      return bashScript(root, prefix);
    case "zsh":
      return zshScript(root, prefix);
    case "fish":
      return fishScript(root, `_${prefix}`);
  }
}

/** Single-quoted for POSIX shells and fish (no quote characters occur in our names). */
function quote(text: string): string {
  return `'${text.replaceAll("'", "")}'`;
}

/** `[key]=value` lines of the three lookup tables, shared by bash and zsh. */
function tables(root: CommandNode, prefix: string, declare: string): string {
  const nodes = walkTree(root);
  const table = (name: string, value: (node: CommandNode) => string[]) =>
    `${declare} ${prefix}_${name}=(\n${
      nodes.map(({ key, node }) => `  [${quote(key)}]=${quote(value(node).join(" "))}`).join("\n")
    }\n)`;
  return [
    table("words", (node) => [...node.subcommands.map((sub) => sub.name), ...node.choices]),
    table("flags", (node) => node.flags),
    table("values", (node) => node.valueFlags),
  ].join("\n");
}

function bashScript(root: CommandNode, prefix: string): string {
  return `# bash completion for ${root.name}: source it, e.g. from ~/.bashrc:
#   source <(${root.name} completions bash)
${tables(root, prefix, "declare -gA")}

${prefix}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" node=_ word i skip=0
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if ((skip)); then skip=0; continue; fi
    if [[ " \${${prefix}_values[$node]} " == *" $word "* ]]; then skip=1; continue; fi
    if [[ $word != -* && " \${${prefix}_words[$node]} " == *" $word "* &&
      -n "\${${prefix}_flags[$node $word]+set}" ]]; then
      node="$node $word"
    fi
  done
  if ((skip)); then
    COMPREPLY=($(compgen -f -- "$cur"))
  elif [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "\${${prefix}_flags[$node]}" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "\${${prefix}_words[$node]}" -- "$cur"))
  fi
}
complete -F ${prefix} ${root.name}
`;
}

function zshScript(root: CommandNode, prefix: string): string {
  return `#compdef ${root.name}
# zsh completion for ${root.name}: put it in a directory of $fpath as ${prefix}, or
#   source <(${root.name} completions zsh)   (after compinit)
${tables(root, prefix, "typeset -gA")}

${prefix}() {
  local node=_ word i skip=0
  for ((i = 2; i < CURRENT; i++)); do
    word=\${words[i]}
    if ((skip)); then skip=0; continue; fi
    if [[ " \${${prefix}_values[$node]} " == *" $word "* ]]; then skip=1; continue; fi
    if [[ $word != -* && " \${${prefix}_words[$node]} " == *" $word "* &&
      -n "\${${prefix}_flags[$node $word]+set}" ]]; then
      node="$node $word"
    fi
  done
  if ((skip)); then
    _files
  elif [[ $PREFIX == -* ]]; then
    compadd -- \${=${prefix}_flags[$node]}
  else
    compadd -- \${=${prefix}_words[$node]}
  fi
}

if [[ $funcstack[1] == ${prefix} ]]; then
  ${prefix} "$@"
else
  compdef ${prefix} ${root.name}
fi
`;
}

function fishScript(root: CommandNode, prefix: string): string {
  const nodes = walkTree(root);
  const cases = (value: (node: CommandNode) => string[]) =>
    nodes.map(({ key, node }) => `    case ${quote(key)}\n      echo ${value(node).join(" ")}`)
      .join("\n");
  const lines = [
    `# fish completion for ${root.name}: save as ~/.config/fish/completions/${root.name}.fish`,
    `function ${prefix}_words\n  switch $argv[1]\n${
      cases((node) => node.subcommands.map((sub) => sub.name))
    }\n  end\nend`,
    `function ${prefix}_values\n  switch $argv[1]\n${cases((node) => node.valueFlags)}\n  end\nend`,
    `function ${prefix}_node
  set -l node _
  set -l skip 0
  for word in (commandline -opc)[2..-1]
    if test $skip = 1
      set skip 0
    else if contains -- $word (string split ' ' (${prefix}_values $node))
      set skip 1
    else if contains -- $word (string split ' ' (${prefix}_words $node))
      set node "$node $word"
    end
  end
  echo $node
end`,
    `complete -c ${root.name} -f`,
  ];
  for (const { key, node } of nodes) {
    const when = `-n ${quote(`test (${prefix}_node) = ${quote(key).replaceAll("'", '"')}`)}`;
    const words = [...node.subcommands.map((sub) => sub.name), ...node.choices];
    if (words.length) lines.push(`complete -c ${root.name} ${when} -a ${quote(words.join(" "))}`);
    for (const flag of node.flags) {
      const form = flag.startsWith("--") ? `-l ${flag.slice(2)}` : `-s ${flag.slice(1)}`;
      const value = node.valueFlags.includes(flag) ? " -r -F" : "";
      lines.push(`complete -c ${root.name} ${when} ${form}${value}`);
    }
  }
  return lines.join("\n") + "\n";
}
