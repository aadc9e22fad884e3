/**
 * The one argument parser of every `npm run` entry point (a thin wrapper over node:util
 * `parseArgs`) and the one exit-code convention:
 *
 *   0  done, nothing to report
 *   1  findings or changes, where the command was asked to report them (verify errors,
 *      `diff --exit-code`, `synth --check` on a stale dist/, a missed bench target)
 *   2  usage or input error: unknown option, missing argument, unreadable or invalid input
 *
 * `--help` / `-h` prints the command's usage text to stdout and exits 0 without doing anything.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Option declarations in node:util parseArgs form. */
export type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** What a command accepts. */
export interface CommandSpec<O extends ParseArgsOptionsConfig> {
  /** Command name used as the prefix of error lines, e.g. `verify`. */
  readonly name: string;
  /** Full usage text printed by `--help`; its first line is repeated after a usage error. */
  readonly usage: string;
  /** Options in node:util parseArgs form (`--help` is added). */
  readonly options: O;
  /** Allowed number of positional arguments. @default - none allowed */
  readonly positionals?: { readonly min: number; readonly max: number };
}

/** Lines to print and the exit code, for commands that stop before doing their work. */
export interface CommandOutput {
  readonly exitCode: number;
  readonly out: readonly string[];
  readonly err: readonly string[];
}

/** Parsed arguments, or the output to print instead (help or a usage error). */
export type Parsed<O extends ParseArgsOptionsConfig> =
  | {
      readonly ok: true;
      readonly values: ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: true }>>['values'];
      readonly positionals: string[];
    }
  | ({ readonly ok: false } & CommandOutput);

/** A usage error of `spec`: the message, then the usage text's first paragraph. */
export function usageError(spec: Pick<CommandSpec<ParseArgsOptionsConfig>, 'name' | 'usage'>, message: string): CommandOutput {
  const synopsis = spec.usage.split('\n\n')[0] ?? spec.usage;
  return { exitCode: EXIT.usage, out: [], err: [`${spec.name}: ${message}`, synopsis, `(${spec.name} --help for more)`] };
}

/** Parses `argv` against `spec`: `--help` and usage errors come back as output to print. */
export function parseCommand<O extends ParseArgsOptionsConfig>(spec: CommandSpec<O>, argv: readonly string[]): Parsed<O> {
  if (argv.includes('--help') || argv.includes('-h')) return { ok: false, exitCode: EXIT.ok, out: [spec.usage], err: [] };
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: spec.options, strict: true, allowPositionals: true });
  } catch (e) {
    return { ok: false, ...usageError(spec, (e as Error).message) };
  }
  const { min, max } = spec.positionals ?? { min: 0, max: 0 };
  const n = parsed.positionals.length;
  if (n < min || n > max) {
    const extra = parsed.positionals.slice(max).map((p) => `"${p}"`);
    return { ok: false, ...usageError(spec, n > max ? `unexpected argument(s) ${extra.join(' ')}` : 'missing argument(s)') };
  }
  return { ok: true, values: parsed.values, positionals: parsed.positionals };
}

/** A positive integer option value, or a usage error naming the option. */
export function positiveInt(
  spec: Pick<CommandSpec<ParseArgsOptionsConfig>, 'name' | 'usage'>,
  option: string,
  value: string,
): number | CommandOutput {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : usageError(spec, `--${option} must be a positive integer, got "${value}"`);
}

/** Prints `output` (stdout lines, then stderr lines) and sets the process exit code. */
export function finish(output: CommandOutput): void {
  for (const line of output.out) console.log(line);
  for (const line of output.err) console.error(line);
  process.exitCode = output.exitCode;
}

/** Whether the module at `moduleUrl` is the program Node was started with (not imported by a test). */
export function isEntry(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && moduleUrl === pathToFileURL(script).href;
}
