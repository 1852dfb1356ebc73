// `npx tsx test/bench/cases-screen-chromium.bench.ts [rounds] [hub sizes, comma-separated]`: ケース一覧 and its kana search
// through the screen, in Debian Chromium against the real built app (browser host): ホーム → list rows painted, and
// Enter → result rows painted. The hub grows 300 → 3,000 → 10,000 training households (課長: the whole office, paged),
// then a caseworker's device holds a caseload of 300 (whole list). Each figure beside the renderer as it was before
// the one-read projection and virtual rows (built from that commit's sources). Goal < 200 ms. Prints min / median.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openDevice, type Person, type ScreenTimes } from './browser/caseScreenBench.js';
import { buildBaseline, type RendererBuild } from './browser/startupBench.js';

/** The last commit with the old list: search, then every match loaded again; every row rendered. */
const baselineCommit = 'e7d6c78';
const [roundsArg, sizesArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 5);
const hubSizes = (sizesArg ?? '300,3000,10000').split(',').map(Number);
const query = 'さとう';

const current: RendererBuild = { label: 'now', dir: fileURLToPath(new URL('../../dist/renderer', import.meta.url)) };
if (!existsSync(`${current.dir}/index.html`)) throw new Error('dist/renderer がありません。先に npm run build を実行してください');
const before = await buildBaseline(baselineCommit);
const builds = [current, before];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const figure = (values: number[]) => `min ${Math.min(...values).toFixed(0)} / median ${median(values).toFixed(0)} ms`;

function report(scenario: string, results: Map<string, ScreenTimes | Error>) {
  for (const build of builds) {
    const r = results.get(build.label)!;
    if (r instanceof Error) {
      console.log(`cases screen: ${scenario} [${build.label}]: 計測できませんでした (${r.message.split('\n')[0]})`);
      continue;
    }
    console.log(
      `cases screen: ${scenario} [${build.label.padEnd(16)}] list ${figure(r.listMs)} (first after unlock ${r.firstMs.toFixed(0)} ms) · ` +
        `search 「${query}」 ${figure(r.searchMs)}  — ${r.listed.trim()} / ${r.found.trim()}` +
        `  [runs list: ${r.listMs.map((v) => v.toFixed(0)).join(', ')}; search: ${r.searchMs.map((v) => v.toFixed(0)).join(', ')}]`,
    );
  }
}

async function measureBuilds(device: Awaited<ReturnType<typeof openDevice>>, viewer: Person) {
  const results = new Map<string, ScreenTimes | Error>();
  for (const build of builds) {
    await device.serve(build);
    results.set(build.label, await device.measure(viewer, query, rounds).catch((error: Error) => error));
  }
  await device.serve(current);
  return results;
}

// The hub: the 課長 sees the whole office; eight caseworkers hold the cases.
const caseworkers: Person[] = Array.from({ length: 8 }, (_, i) => ({
  loginId: `cw-${i + 1}`,
  displayName: `計測 担当${i + 1}`,
  passphrase: `bench-passphrase-worker-${i + 1}`,
  role: 'caseworker',
  teamId: `team-${(i % 2) + 1}`,
}));
const manager: Person = { loginId: 'kacho', displayName: '計測 課長', passphrase: 'bench-passphrase-manager', role: 'manager', teamId: null };
const hub = await openDevice('hub', [manager, ...caseworkers]);
try {
  await hub.serve(current);
  await hub.enrol();
  let held = 0;
  for (const [i, size] of hubSizes.entries()) {
    const seconds = await hub.seed(size - held, 100 + i);
    console.log(`cases screen: hub seeded ${size - held} more households (${held} → ${size}) in ${seconds.toFixed(0)} s (not timed below)`);
    held = size;
    report(`hub ${size.toLocaleString('en')} households, 課長`, await measureBuilds(hub, manager));
  }
} finally {
  await hub.close();
}

const worker: Person = { loginId: 'cw-device', displayName: '計測 担当', passphrase: 'bench-passphrase-field-0003', role: 'caseworker', teamId: 'team-1' };
const device = await openDevice('office', [worker]);
try {
  await device.serve(current);
  await device.enrol();
  const seconds = await device.seed(300, 7, worker.displayName);
  console.log(`cases screen: device seeded 300 households for one caseworker in ${seconds.toFixed(0)} s (not timed below)`);
  report('device 300 households, caseworker', await measureBuilds(device, worker));
} finally {
  await device.close();
}
