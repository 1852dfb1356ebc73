// Vault and backup timings on this machine: `npx tsx test/bench/vault.bench.ts`. Prints figures; no thresholds.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackupService } from '../../main/backup/backupService.js';
import { argon2idPresets, createInlineKdf, createWorkerKdf } from '../../main/vault/kdf.js';
import { createVault, systemClock } from '../../main/vault/vault.js';

const RUNS = 3;
const office = { id: 'bench', name: 'bench' };
const admin = { userId: 'u-admin', loginId: 'kanri01', passphrase: 'bench-passphrase-for-timing', displayName: '管理 花子' };
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function time(task: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await task();
  return performance.now() - start;
}

const root = await mkdtemp(join(tmpdir(), 'seiho-bench-'));
try {
  let recoveryKey = '';
  let dataDir = '';
  for (const level of ['INTERACTIVE', 'MODERATE'] as const) {
    dataDir = join(root, level);
    await mkdir(dataDir);
    const vault = createVault({ dataDir, kdf: createWorkerKdf(), policy: { kdfCost: argon2idPresets[level] } });
    recoveryKey = (await vault.initialize({ office, admin })).recoveryKey!;
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(
        await time(async () => {
          const result = await vault.unlock(admin.loginId, admin.passphrase);
          if (!result.ok) throw new Error(result.message);
          vault.lock();
        }),
      );
    }
    console.log(`vault: unlock (Argon2id ${level}, worker thread) ${ms(median(runs))}  [runs: ${runs.map(ms).join(', ')}]`);
    // For comparison: the same derivation on a warm main thread, whose WebAssembly memory is already grown.
    const inline = createInlineKdf();
    const params = { alg: 'argon2id13' as const, salt: new Uint8Array(16), ...argon2idPresets[level] };
    await inline.derive(new Uint8Array(8), params);
    console.log(`vault: Argon2id ${level} alone, warm main thread ${ms(await time(() => inline.derive(new Uint8Array(8), params)))}`);
  }

  const database = new Uint8Array(randomBytes(50 * 1024 * 1024));
  const file = join(root, 'bench.sdbak');
  const backups = createBackupService({ dataDir, clock: systemClock });
  console.log(`backup: write (50 MiB export) ${ms(await time(() => backups.createBackup(file, database)))}`);
  const target = join(root, 'restore');
  await mkdir(target);
  const restore = createBackupService({ dataDir: target, clock: systemClock });
  console.log(`backup: verify + restore (50 MiB export) ${ms(await time(() => restore.restoreBackup(file, recoveryKey)))}`);
} finally {
  await rm(root, { recursive: true, force: true });
}
