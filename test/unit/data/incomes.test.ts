import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import type { DeclaredIncome } from '../../../shared/domain/records.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { AccessDeniedError, InvalidRecordError } from '../../../renderer/data/errors.js';
import { openTestStore, rawRows, seedOffice, session } from './fixtures.js';

async function office() {
  const t = await openTestStore();
  const seeded = await seedOffice(t.store);
  return { ...t, ...seeded, cwA: session('caseworker', seeded.ids.cwA, 'team-1') };
}

const wage = (month: string, gross: number, expenses = 3000): DeclaredIncome => ({
  id: uuidv7(),
  memberId: 'm1',
  month,
  note: '',
  kind: 'employment',
  gross,
  expenses,
});

test('declared incomes are kept on the household, sealed, changed one at a time without touching the rest of the row', async () => {
  const { repos, hA, cwA, name } = await office();
  const may = wage('2026-05', 82000);
  await repos.incomes.save(cwA, hA.id, may);
  const pension: DeclaredIncome = { id: uuidv7(), memberId: 'm1', month: '2026-06', note: '偶数月', kind: 'pension', amount: 64000 };
  expect(await repos.incomes.save(cwA, hA.id, pension)).toEqual([pension, may]);
  // A correction replaces the income with its id; the household's own fields are as they were.
  const corrected = { ...may, gross: 90000 };
  await repos.incomes.save(cwA, hA.id, corrected);
  expect(await repos.incomes.list(cwA, hA.id)).toEqual([pension, corrected]);
  expect(await repos.households.open(cwA, hA.id)).toMatchObject({ address: hA.address, status: 'active' });
  expect(await repos.incomes.remove(cwA, hA.id, pension.id)).toEqual([corrected]);
  // Nothing of an income is readable on disk.
  const raw = JSON.stringify(await rawRows(name, 'households'));
  expect(raw).not.toContain('incomes');
  expect(raw).not.toContain('偶数月');
});

test('an income outside the caseload or against the rules is refused and nothing is written', async () => {
  const { repos, hA, hB, cwA } = await office();
  await expect(repos.incomes.save(cwA, hB.id, wage('2026-05', 10000))).rejects.toBeInstanceOf(AccessDeniedError);
  await expect(repos.incomes.list(cwA, hB.id)).rejects.toBeInstanceOf(AccessDeniedError);
  await expect(repos.incomes.save(cwA, hA.id, wage('2026-05', 1000, 1001))).rejects.toThrow('必要経費は総収入額以下で入力してください');
  await expect(repos.incomes.save(cwA, hA.id, wage('2026-05', -1))).rejects.toBeInstanceOf(InvalidRecordError);
  await expect(repos.incomes.save(session('auditor', uuidv7()), hA.id, wage('2026-05', 10000))).rejects.toBeInstanceOf(AccessDeniedError);
  // The administrator reads households to run the system, never what a household lives on.
  await expect(repos.incomes.list(session('systemAdmin', uuidv7()), hA.id)).rejects.toBeInstanceOf(AccessDeniedError);
  expect(await repos.incomes.list(cwA, hA.id)).toEqual([]);
});
