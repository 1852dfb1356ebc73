// `npm run --silent seiho -- <command> …`: the command-line tool. Builds first if needed, quietly, so that
// standard output carries only the command's own result.
import { spawnSync } from 'node:child_process';
import { ensureBuilt } from './freshBuild.mjs';

try {
  ensureBuilt({ quiet: true, target: 'node' });
} catch {
  console.error('ビルドに失敗しました');
  process.exit(1);
}
const result = spawnSync(process.execPath, [new URL('../../dist/node/main/cli/main.js', import.meta.url).pathname, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
