/**
 * Runs a binary installed in node_modules/.bin and collects its exit code and output.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** Resolves with the exit code (-1 when it could not start) and stdout + stderr. */
export function runBin(bin: string, args: readonly string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(join('node_modules', '.bin', bin), [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (e) => resolve({ code: -1, output: `${output}${String(e)}` }));
    child.on('close', (code) => resolve({ code, output }));
  });
}
