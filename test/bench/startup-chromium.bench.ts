// `npx tsx test/bench/startup-chromium.bench.ts [rounds]`: navigation → login screen painted in a new renderer process
// (goal < 500 ms), for the current build (dist/renderer) and, beside it, the renderer as it was before the start-up
// work (one chunk, react-router's development build), and the floor: the same heading in a page with no script. Prints
// min / median / every run and the chunks; no thresholds.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildBaseline, chunkSizes, floorPage, measureStartup, type RendererBuild, type StartupRun } from './browser/startupBench.js';

/** The last commit before the split: one 1.4 MB chunk. */
const baselineCommit = '44b7ba0';
const [rounds = 7] = process.argv.slice(2).map(Number);

const current: RendererBuild = { label: 'now', dir: fileURLToPath(new URL('../../dist/renderer', import.meta.url)) };
if (!existsSync(`${current.dir}/index.html`)) throw new Error('dist/renderer がありません。先に npm run build を実行してください');
const baseline = await buildBaseline(baselineCommit);
const floor = await floorPage();
const builds = [baseline, current, floor];

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const min = (values: number[]) => Math.min(...values);

for (const b of [baseline, current]) {
  const chunks = chunkSizes(b.dir);
  console.log(
    `startup: ${b.label.padEnd(16)} ${chunks.length} JS files, ${kb(chunks.reduce((s, c) => s + c.bytes, 0))} in all; largest ${chunks
      .slice(0, 4)
      .map((c) => `${c.file} ${kb(c.bytes)}`)
      .join(', ')}`,
  );
}
const { results, chromiumVersion } = await measureStartup(builds, rounds);
const summary = (runs: StartupRun[]) => {
  const painted = runs.map((r) => r.loginPaintedMs);
  return { min: min(painted), median: median(painted), runs: painted, script: runs[0]! };
};
const before = summary(results.get(baseline.label)!);
const now = summary(results.get(current.label)!);
const bare = summary(results.get(floor.label)!);
for (const [label, s] of [
  [baseline.label, before],
  [current.label, now],
  [floor.label, bare],
] as const) {
  console.log(
    `startup: navigation → login painted, new renderer process [${label}]: min ${s.min.toFixed(0)} ms, median ${s.median.toFixed(0)} ms` +
      `  (scripts loaded before paint: ${s.script.scriptFiles} files, ${kb(s.script.scriptBytes)})  [runs: ${s.runs.map((r) => r.toFixed(0)).join(', ')}]`,
  );
}
console.log(
  `startup: login painted now vs before: median ${now.median.toFixed(0)} vs ${before.median.toFixed(0)} ms (goal < 500 ms); the floor on this machine ` +
    `(a new renderer process painting the heading with no script) ${bare.median.toFixed(0)} ms, so the app's own share is ${(now.median - bare.median).toFixed(0)} ms; Chromium ${chromiumVersion}`,
);
