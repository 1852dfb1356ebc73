import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createSettingsStore } from '../../../main/settings/settingsStore.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'seiho-settings-'));

test('first run reads the defaults (加須市) without creating a file', async () => {
  const dir = fresh();
  expect(await createSettingsStore(dir).read()).toEqual({ officeName: '', defaultMunicipality: '加須市', idleLockMinutes: 10 });
  expect(existsSync(join(dir, 'settings.json'))).toBe(false);
});

test('round-trips and leaves no temporary files behind', async () => {
  const dir = fresh();
  const store = createSettingsStore(dir);
  await store.write({ officeName: '加須市福祉事務所', defaultMunicipality: '行田市', idleLockMinutes: 5 });
  expect(await createSettingsStore(dir).read()).toEqual({ officeName: '加須市福祉事務所', defaultMunicipality: '行田市', idleLockMinutes: 5 });
  expect(readdirSync(dir)).toEqual(['settings.json']);
});

test('a damaged file is reported and never overwritten by defaults', async () => {
  const dir = fresh();
  writeFileSync(join(dir, 'settings.json'), '{"officeName": ');
  await expect(createSettingsStore(dir).read()).rejects.toMatchObject({ code: 'SETTINGS_DAMAGED' });
  writeFileSync(join(dir, 'settings.json'), '{"officeName": 5}');
  await expect(createSettingsStore(dir).read()).rejects.toMatchObject({ code: 'SETTINGS_DAMAGED' });
  expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe('{"officeName": 5}');
});
