import { mkdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHandlers } from '../services/handlers.js';
import { argon2idPresets, createWorkerKdf } from '../vault/kdf.js';
import { startBrowserHost } from './server.js';

// `npm run start:browser -- [--port 4510] [--data-dir .seiho-data]`. The port is fixed by default because
// IndexedDB belongs to the origin: a different port is a different, empty database.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4510' },
    'data-dir': { type: 'string', default: '.seiho-data' },
    token: { type: 'string' },
    // Tests only: a cheaper Argon2id so a suite of logins runs in seconds. The browser host is never packaged.
    'kdf-cost': { type: 'string', default: 'MODERATE' },
  },
});
const kdfCost = values['kdf-cost'] as keyof typeof argon2idPresets;
if (!(kdfCost in argon2idPresets)) {
  console.error(`--kdf-cost: ${Object.keys(argon2idPresets).join(' / ')} のいずれかを指定してください`);
  process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port: ポート番号が正しくありません: ${values.port}`);
  process.exit(2);
}
const dataDir = resolve(values['data-dir']);
await mkdir(dataDir, { recursive: true });
const distDir = fileURLToPath(new URL('../../../', import.meta.url));
const { version } = JSON.parse(await readFile(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string };

// Argon2id in a worker kept warm for the next unlock, as in the Electron shell (kdf.ts).
const kdf = createWorkerKdf({ standby: argon2idPresets[kdfCost] });
const host = await startBrowserHost({
  rendererDir: `${distDir}renderer`,
  port,
  ...(values.token ? { token: values.token } : {}),
  createHandlers: (emit) =>
    createHandlers({
      dataDir,
      host: 'browser',
      appVersion: version,
      platform: process.platform,
      emit,
      vaultOptions: { kdf, policy: { kdfCost: argon2idPresets[kdfCost] } },
    }).handlers,
});
void kdf.prepare().catch((error: unknown) => console.warn('鍵導出の準備に失敗しました', error));
console.log(`Seiho Desk (ブラウザホスト): ${host.url}`);
console.log(`データフォルダ: ${dataDir}`);
const stop = () => void host.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
