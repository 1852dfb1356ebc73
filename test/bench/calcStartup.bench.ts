// `npx tsx test/bench/calcStartup.bench.ts [runs]`: cold start of the calc command — wall and CPU (user + system, the
// command's whole process tree) of one `calc FILE` — now and as it was before the bundled CLI (npm → wrapper → a
// second Node running the unbundled dist/node CLI). Node's own start is printed as the floor. No thresholds.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [runs = 5] = process.argv.slice(2).map(Number);
const root = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'seiho-calc-start-'));
const file = join(work, 'household.json');
writeFileSync(
  file,
  JSON.stringify({
    month: '2026-12',
    municipality: '加須市',
    members: [{ id: 'm1', birthDate: '1981-05-10' }],
    housing: { rent: 37000, floorAreaSqm: 20 },
    incomes: [{ memberId: 'm1', type: 'earned', gross: 100000, expenses: 10000 }],
  }),
);

// The wrapper of commit 44b7ba0, unchanged but for its two paths, behind its own package.json so that `npm run` costs
// the same as for the real one.
const before = join(work, 'before');
execFileSync('mkdir', ['-p', before]);
const oldWrapper = execFileSync('git', ['show', '44b7ba0:build/scripts/seiho.mjs'], { cwd: root, encoding: 'utf8' })
  .replace("'./freshBuild.mjs'", `'${pathToFileURL(join(root, 'build/scripts/freshBuild.mjs')).href}'`)
  .replace("new URL('../../dist/node/main/cli/main.js', import.meta.url).pathname", `'${join(root, 'dist/node/main/cli/main.js')}'`);
writeFileSync(join(before, 'seiho.mjs'), oldWrapper);
writeFileSync(join(before, 'package.json'), JSON.stringify({ name: 'seiho-before', private: true, type: 'module', scripts: { seiho: 'node seiho.mjs' } }));

type Variant = { label: string; cwd: string; command: string[] };
const variants: Variant[] = [
  { label: 'npm run --silent seiho -- calc [before]', cwd: before, command: ['npm', 'run', '--silent', 'seiho', '--', 'calc', file] },
  { label: 'npm run --silent seiho -- calc [now]', cwd: root, command: ['npm', 'run', '--silent', 'seiho', '--', 'calc', file] },
  { label: 'CLI alone: node dist/node/main/cli/main.js [before]', cwd: root, command: ['node', 'dist/node/main/cli/main.js', 'calc', file] },
  { label: 'CLI alone: node dist/cli/seiho.mjs [now]', cwd: root, command: ['node', 'dist/cli/seiho.mjs', 'calc', file] },
  { label: 'wrapper + CLI: node build/scripts/seiho.mjs [now]', cwd: root, command: ['node', 'build/scripts/seiho.mjs', 'calc', file] },
  { label: 'floor: node -e 0', cwd: root, command: ['node', '-e', '0'] },
];

/** bash's `time` reports wall, user and system time of the command and every process it started. */
function measure({ cwd, command }: Variant): { wall: number; cpu: number } {
  const r = spawnSync('bash', ['-c', 'TIMEFORMAT="%3R %3U %3S"; time ( "$@" >/dev/null 2>/dev/null )', 'bash', ...command], { cwd, encoding: 'utf8' });
  const [wall, user, sys] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  if (r.status !== 0 || wall === undefined || Number.isNaN(wall)) throw new Error(`${command.join(' ')}: ${r.stderr}`);
  return { wall: wall * 1000, cpu: (user! + sys!) * 1000 };
}

try {
  for (const v of variants) measure(v); // builds if needed, and fills the file cache: every variant starts equally warm
  const results = new Map(variants.map((v) => [v.label, [] as { wall: number; cpu: number }[]]));
  for (let i = 0; i < runs; i++) for (const v of variants) results.get(v.label)!.push(measure(v));
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const fmt = (values: number[]) => `min ${Math.min(...values).toFixed(0)} ms, median ${median(values).toFixed(0)} ms`;
  for (const [label, samples] of results) {
    const wall = samples.map((s) => s.wall);
    const cpu = samples.map((s) => s.cpu);
    console.log(`calc cold start: ${label.padEnd(52)} wall ${fmt(wall)}; CPU ${fmt(cpu)}  [wall runs: ${wall.map((w) => w.toFixed(0)).join(', ')}]`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
