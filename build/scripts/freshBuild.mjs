// Builds only when a source file is newer than the build, so `npm run start:browser` and `npm run seiho`
// work on a fresh clone and stay fast afterwards.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const sources = ['main', 'renderer', 'shared', 'package.json'];
const outputs = ['dist/renderer/index.html', 'dist/preload/index.cjs', 'dist/node/main/browserHost/cli.js'];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), 0);
}

export function ensureBuilt({ quiet = false } = {}) {
  const built = outputs.map((p) => join(root, p));
  if (built.every(existsSync)) {
    const oldestOutput = Math.min(...built.map((p) => statSync(p).mtimeMs));
    if (sources.every((s) => newest(join(root, s)) <= oldestOutput)) return;
  }
  if (!quiet) console.error('ビルドしています…');
  execFileSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
}
