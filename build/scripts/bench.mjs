// `npm run bench`: runs every benchmark script under test/bench and prints their figures. Benchmarks print
// measurements; they do not pass or fail on timing.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureBuilt } from './freshBuild.mjs';

const root = new URL('../../', import.meta.url).pathname;
const find = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? find(path) : name.endsWith('.bench.ts') ? [path] : [];
  });

ensureBuilt();
let failed = 0;
for (const file of find(join(root, 'test/bench')).sort()) {
  console.log(`\n## ${relative(root, file)}`);
  const { status } = spawnSync('npx', ['tsx', file], { cwd: root, stdio: 'inherit' });
  if (status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
