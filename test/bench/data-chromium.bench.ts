// `npx tsx test/bench/data-chromium.bench.ts [n] [rounds]`: the data-layer bench in Debian's Chromium against real
// IndexedDB (on disk), served from 127.0.0.1 with the app's CSP. Prints the median of the rounds and each round;
// no thresholds.
import { readdirSync, readFileSync } from 'node:fs';
import { runBenchPage } from './browser/chromiumBench.js';
import { formatDataBench, type DataBenchResult } from './data/dataBench.js';

const n = Number(process.argv[2] ?? 10_000);
const rounds = Number(process.argv[3] ?? 3);

/**
 * CPU time (user + system, ms) of the main thread of every Chromium renderer this process started: the page's own
 * work, apart from the browser process's IndexedDB backend and from waiting for a core. Linux /proc, 10 ms ticks.
 */
function rendererMainThreadCpuMs(): number {
  const processes = new Map<number, { parent: number; ticks: number; renderer: boolean }>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const renderer = readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
      processes.set(Number(pid), { parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), renderer });
    } catch {
      // The process ended while we looked.
    }
  }
  const ours = (pid: number): boolean => {
    const parent = processes.get(pid)?.parent ?? 0;
    return parent === process.pid || (parent > 1 && ours(parent));
  };
  let ticks = 0;
  for (const [pid, { ticks: own, renderer }] of processes) if (renderer && ours(pid)) ticks += own;
  return ticks * 10;
}

const { results, chromiumVersion } = await runBenchPage<DataBenchResult[]>({
  html: 'index.html',
  outDir: 'bench',
  query: { n, rounds },
  expose: { rendererMainThreadCpuMs },
});
const median = (pick: (r: DataBenchResult) => number) => results.map(pick).sort((a, b) => a - b)[Math.floor(results.length / 2)]!;
const typical: DataBenchResult = {
  ...results[0]!,
  encrypted: { writeMs: median((r) => r.encrypted.writeMs), readMs: median((r) => r.encrypted.readMs) },
  plain: { writeMs: median((r) => r.plain.writeMs), readMs: median((r) => r.plain.readMs) },
  floor: { rawIndexedDbMs: median((r) => r.floor.rawIndexedDbMs), rawAeadMs: median((r) => r.floor.rawAeadMs) },
  ...(results[0]!.cpu && {
    cpu: {
      encryptedMs: median((r) => r.cpu!.encryptedMs),
      plainMs: median((r) => r.cpu!.plainMs),
      rawIndexedDbMs: median((r) => r.cpu!.rawIndexedDbMs),
      rawAeadMs: median((r) => r.cpu!.rawAeadMs),
      cipherMs: median((r) => r.cpu!.cipherMs),
    },
  }),
};
for (const line of formatDataBench(typical)) console.log(line.replace(/^data:/, `data (Chromium, median of ${results.length}):`));
for (const [i, result] of results.entries()) for (const line of formatDataBench(result)) console.log(line.replace(/^data:/, `  round ${i + 1}:`));
console.log(`data (Chromium): ${typical.members} members alongside; Chromium ${chromiumVersion}`);
