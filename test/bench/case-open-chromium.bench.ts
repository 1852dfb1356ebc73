// `npx tsx test/bench/case-open-chromium.bench.ts [households] [rounds]`: a caseworker's device with 300 households
// (training data, years of case records each), in Debian Chromium against the real built app through the browser
// host. Times, in the page, from the route change to the screen being usable: opening the case with the longest
// history, and the 保護費算定 wizard started for it (its first step prefilled from the case). Prints every round,
// the minimum and the median; no thresholds.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { localIsoDate } from '../../shared/casework/calendarDate.js';
import { generateTrainingHouseholds } from '../../shared/training/trainingHouseholds.js';
import { openDevice, timed, type Person } from './browser/caseScreenBench.js';

const [households = 300, rounds = 7] = process.argv.slice(2).map(Number);
const SEED = 4242;
const worker: Person = { loginId: 'cw-bench', displayName: '計測 担当', passphrase: 'bench-passphrase-0002', role: 'caseworker', teamId: null };
const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
if (!existsSync(`${rendererDir}/index.html`)) throw new Error('dist/renderer がありません。先に npm run build を実行してください');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const figure = (values: number[]) => `min ${Math.min(...values).toFixed(0)} / median ${median(values).toFixed(0)} ms`;
const runs = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');

// The case the bench opens: the one with the most records in the training data the panel writes with this seed.
const today = localIsoDate(Date.now());
const generated = generateTrainingHouseholds({ seed: SEED, count: households, offset: 0, assignees: ['x'], today });
const target = generated.reduce((a, b) => (b.records.length > a.records.length ? b : a));
const firstRecord = target.records.map((r) => r.recordedOn).sort()[0]!;

const CASE_READY = `document.querySelector('main [role="tabpanel"]') !== null`;
/** The wizard's first step is on screen with fields filled from the case (each marks itself 【ケースから】). */
const WIZARD_READY = `(document.querySelector('main')?.textContent ?? '').includes('【ケースから】')`;

const device = await openDevice('office', [worker]);
try {
  await device.serve({ label: 'now', dir: rendererDir });
  await device.enrol();
  const seededSeconds = await device.seed(households, SEED, worker.displayName);
  await device.login(worker);
  const { page } = device;
  await page.evaluate(() => {
    location.hash = '#/cases';
  });
  const search = page.getByLabel(/^検索/);
  await search.fill(target.caseNumber);
  await search.press('Enter');
  const href = (await page.getByRole('link', { name: target.caseNumber }).getAttribute('href'))!;
  const householdId = href.split('/').pop()!;

  const caseMs: number[] = [];
  const wizardMs: number[] = [];
  for (let round = 0; round <= rounds; round++) {
    const home = `location.hash = '#/'`;
    await page.evaluate(home);
    await page.getByRole('heading', { name: 'ホーム' }).waitFor();
    const opened = await timed(page, `location.hash = ${JSON.stringify(`#/cases/${householdId}`)}`, CASE_READY);
    await page.evaluate(home);
    await page.getByRole('heading', { name: 'ホーム' }).waitFor();
    const wizard = await timed(page, `location.hash = ${JSON.stringify(`#/calc?household=${encodeURIComponent(householdId)}`)}`, WIZARD_READY);
    // The first round loads the screens' code after unlock: reported apart, not in the figures.
    if (round === 0) console.log(`case open (Chromium): first after unlock — case ${opened.toFixed(0)} ms, wizard ${wizard.toFixed(0)} ms`);
    else {
      caseMs.push(opened);
      wizardMs.push(wizard);
    }
  }
  console.log(
    `case open (Chromium): ${households} households on an office device, training data written in ${seededSeconds.toFixed(1)} s; ` +
      `the case opened has ${target.records.length} case records since ${firstRecord} and ${target.members.length} members`,
  );
  console.log(`case open (Chromium): route → case screen usable ${figure(caseMs)}  [runs: ${runs(caseMs)}]  (goal < 300 ms)`);
  console.log(`case open (Chromium): route → 保護費算定 wizard prefilled from the case ${figure(wizardMs)}  [runs: ${runs(wizardMs)}]  (goal < 300 ms)`);
} finally {
  await device.close();
}
