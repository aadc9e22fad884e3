/**
 * A {@link WriterFs} that fails at the Nth mutating operation, to test the dist/ transaction at
 * every step: once (a full disk, a read-only folder) or for good (a process killed there).
 */
import { NODE_WRITER_FS, type WriterFs } from '../../scripts/synth/writer-fs.ts';

const MUTATING = ['mkdir', 'mkdirOne', 'link', 'copyFile', 'symlink', 'writeFile', 'rename', 'rm'] as const;

/** Options of {@link faultyFs}. */
export interface Fault {
  /** 1-based index of the mutating operation that fails; 0 never fails (counts only). */
  readonly at: number;
  /** errno code of the failure. @default 'ENOSPC' */
  readonly code?: string;
  /** After the failure every operation fails too, as if the process had died. @default false */
  readonly dead?: boolean;
}

/** The real file system with one injected failure; `count()` tells how many mutating operations ran. */
export function faultyFs(fault: Fault): WriterFs & { count(): number } {
  let n = 0;
  let dead = false;
  const fail = (op: string, path: string): never => {
    throw Object.assign(new Error(`${fault.code ?? 'ENOSPC'}: injected, ${op} '${path}'`), {
      code: fault.code ?? 'ENOSPC',
      syscall: op === 'writeFile' ? 'open' : op.toLowerCase(),
      path,
    });
  };
  const wrapped = { ...NODE_WRITER_FS } as Record<string, unknown>;
  for (const [name, impl] of Object.entries(NODE_WRITER_FS)) {
    wrapped[name] = (...args: string[]): unknown => {
      if (dead) fail(name, args.at(-1) as string);
      if ((MUTATING as readonly string[]).includes(name)) {
        n++;
        if (n === fault.at) {
          dead = fault.dead ?? false;
          fail(name, args.at(-1) as string);
        }
      }
      return (impl as (...a: string[]) => unknown)(...args);
    };
  }
  return { ...(wrapped as unknown as WriterFs), count: () => n };
}
