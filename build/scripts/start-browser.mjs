// `npm run start:browser -- [--port N] [--data-dir DIR]`: build if needed, then serve the renderer on 127.0.0.1.
import { spawn } from 'node:child_process';
import { ensureBuilt } from './freshBuild.mjs';

ensureBuilt();
const host = spawn(process.execPath, [new URL('../../dist/node/main/browserHost/cli.js', import.meta.url).pathname, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal));
host.on('exit', (code) => process.exit(code ?? 0));
