// Preloaded into every Node process `npm run bench` measures (NODE_OPTIONS=--import): on exit it
// writes the process's own resource usage (getrusage(RUSAGE_SELF) via process.resourceUsage) to
// $FINTRACK_BENCH_PROBE_DIR/<pid>.json, so the bench sums CPU and takes the peak RSS of a command's
// whole tree of Node processes (cdk8s CLI -> tsx -> node included).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.FINTRACK_BENCH_PROBE_DIR;
if (dir) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    const sample = { pid: process.pid, userUs: u.userCPUTime, systemUs: u.systemCPUTime, maxRssKb: u.maxRSS };
    writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify(sample));
  });
}
