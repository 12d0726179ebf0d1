// The exit codes themselves (the table in the README). Which failure gets which is decided in
// src/cli/exit-code.ts; these numbers live apart so that a command that succeeds never loads the
// error kinds of every layer to return 0.

export const ExitCode = {
  ok: 0,
  other: 1,
  usage: 2,
  auth: 3,
  noSession: 4,
  unreachable: 5,
  certificate: 6,
  permission: 7,
  noTerminal: 8,
  interrupted: 130,
} as const;

export type ExitCodeValue = typeof ExitCode[keyof typeof ExitCode];
