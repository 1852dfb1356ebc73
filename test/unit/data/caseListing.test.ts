import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import type { CaseEntry } from '../../../renderer/data/caseListRows.js';
import { caseListServices, PAGE_SIZE, WHOLE_LIST_LIMIT } from '../../../renderer/services/caseList.js';
import type { Session } from '../../../shared/domain/staff.js';
import { household, openTestStore, seedOffice, session } from './fixtures.js';

const numbers = (entries: readonly CaseEntry[]) => entries.map((e) => (e.kind === 'case' ? e.row.caseNumber : 'damaged'));

test('a scope above the whole-list limit is read a page at a time in case-number order; a caseload stays whole', async () => {
  const { store, repos } = await openTestStore();
  const listFor = (s: Session) => caseListServices({ session: s, repos }).caseList;
  const { ids, hA, hB } = await seedOffice(store);
  const many = Array.from({ length: WHOLE_LIST_LIMIT }, (_, i) => ({
    ...household(ids.cwB, { caseNumber: `P-${String(i).padStart(4, '0')}` }),
    hlc: store.clock.stamp(),
  }));
  await store.db.households.bulkPut(many);
  const all = [hA, hB, ...many].map((h) => h.caseNumber).sort();

  const manager = session('manager', ids.manager);
  const first = await listFor(manager).open();
  expect(first).toMatchObject({ total: all.length, offset: 0 });
  expect(numbers(first.entries)).toEqual(all.slice(0, PAGE_SIZE));
  const lastPage = Math.floor((all.length - 1) / PAGE_SIZE);
  const last = await listFor(manager).open(lastPage);
  expect(numbers(last.entries)).toEqual(all.slice(lastPage * PAGE_SIZE));

  const caseload = await listFor(session('caseworker', ids.cwA, 'team-1')).open();
  expect(caseload).toMatchObject({ total: 1, offset: null });
  expect(numbers(caseload.entries)).toEqual([hA.caseNumber]);
});
