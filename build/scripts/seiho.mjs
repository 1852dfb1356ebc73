// `npm run --silent seiho -- <command> …`: the command-line tool. Builds first if needed, quietly, so that
// standard output carries only the command's own result; then runs the bundled tool in this same process (no second
// Node start): it reads its arguments from process.argv after this script's path and sets process.exitCode.
import { ensureBuilt } from './freshBuild.mjs';

try {
  ensureBuilt({ quiet: true, target: 'cli' });
} catch {
  console.error('ビルドに失敗しました');
  process.exit(1);
}
await import('../../dist/cli/seiho.mjs');
