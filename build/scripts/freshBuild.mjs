// Builds only when a source file is newer than the build, so `npm run start:browser` and `npm run seiho` work
// on a fresh clone and stay fast afterwards. A lock folder keeps two commands started together from building
// over each other (an acceptance check may run `seiho calc` several times at once).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const targets = {
  // Everything the app and the browser host need.
  all: {
    script: 'build',
    sources: ['main', 'renderer', 'shared', 'package.json'],
    outputs: ['dist/renderer/index.html', 'dist/preload/index.cjs', 'dist/node/main/browserHost/cli.js', 'dist/cli/seiho.mjs'],
  },
  // The Node build alone (main process, browser host).
  node: { script: 'build:node', sources: ['main', 'shared', 'package.json'], outputs: ['dist/node/main/cli/main.js'] },
  // The command-line tool is one bundled file built from main/cli and shared/ only.
  cli: { script: 'build:cli', sources: ['main/cli', 'shared', 'package.json'], outputs: ['dist/cli/seiho.mjs'] },
};

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), 0);
}

function fresh({ sources, outputs }) {
  const built = outputs.map((p) => join(root, p));
  if (!built.every(existsSync)) return false;
  const oldestOutput = Math.min(...built.map((p) => statSync(p).mtimeMs));
  return sources.every((s) => newest(join(root, s)) <= oldestOutput);
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function withLock(work) {
  const lock = join(root, '.build-lock');
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed build is taken over after 10 minutes.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true });
      if (waited > 900_000) throw new Error('ビルドの完了を待てませんでした');
      sleep(200);
    }
  }
  try {
    work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function ensureBuilt({ quiet = false, target = 'all' } = {}) {
  const spec = targets[target];
  if (fresh(spec)) return;
  withLock(() => {
    if (fresh(spec)) return; // built by whoever held the lock
    if (!quiet) console.error('ビルドしています…');
    execFileSync('npm', ['run', '-s', spec.script], { cwd: root, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
  });
}
