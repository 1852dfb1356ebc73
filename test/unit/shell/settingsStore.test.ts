import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createSettingsStore } from '../../../main/settings/settingsStore.js';
import { defaultVisitGrades } from '../../../shared/casework/visitPlan.js';
import { officeVisitGrades } from '../../../shared/settings/officeSettings.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'seiho-settings-'));
/** An unlocked session's view: the office's file key (settings are sealed with it), an administrator acting. */
const unlocked = (key = new Uint8Array(32).fill(7)) => ({ fileKey: async () => key.slice(), actor: () => 'admin-1', record: async () => undefined });

test('first run reads the defaults (加須市) without creating a file', async () => {
  const dir = fresh();
  expect(await createSettingsStore(dir).read()).toEqual({ officeName: '', defaultMunicipality: '加須市', idleLockMinutes: 10 });
  expect(existsSync(join(dir, 'settings.json'))).toBe(false);
});

test('round-trips and leaves no temporary files behind', async () => {
  const dir = fresh();
  const store = createSettingsStore(dir, unlocked());
  await store.write({ officeName: '加須市福祉事務所', defaultMunicipality: '行田市', idleLockMinutes: 5 });
  expect(await createSettingsStore(dir, unlocked()).read()).toEqual({ officeName: '加須市福祉事務所', defaultMunicipality: '行田市', idleLockMinutes: 5 });
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

test("the office's visit grades: kept when set, the defaults while a file has none, refused when invalid", async () => {
  const dir = fresh();
  const store = createSettingsStore(dir, unlocked());
  const base = { officeName: '加須市福祉事務所', defaultMunicipality: '加須市', idleLockMinutes: 10 };
  await store.write(base);
  expect(officeVisitGrades(await store.read())).toEqual(defaultVisitGrades);
  const visitGrades = [
    { code: 'A', label: '毎月', intervalMonths: 1 },
    { code: 'S', label: '4か月に1回', intervalMonths: 4 },
  ];
  await store.write({ ...base, visitGrades });
  expect(officeVisitGrades(await createSettingsStore(dir, unlocked()).read())).toEqual(visitGrades);
  await expect(store.write({ ...base, visitGrades: [...visitGrades, { code: 'S', label: '重複', intervalMonths: 0 }] })).rejects.toThrow(
    '格付けの記号が重複しています',
  );
  expect(officeVisitGrades(await store.read())).toEqual(visitGrades);
});
