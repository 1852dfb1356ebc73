import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { openTestStore, rawRows, seedOffice, session } from './fixtures.js';

test('an investigation note (調査) is a case record of its own kind, listed with the case and sealed at rest', async () => {
  const t = await openTestStore();
  const { ids, hA } = await seedOffice(t.store);
  const cw = session('caseworker', ids.cwA, 'team-1');
  const body = '扶養義務者（長男・川越市）に扶養照会。回答待ち。預金照会を3行に発送。';
  const id = uuidv7();
  await t.repos.caseRecords.save(cw, { id, householdId: hA.id, authorId: ids.cwA, recordedOn: '2026-11-20', kind: 'investigation', body });
  const listed = await t.repos.caseRecords.list(cw, hA.id);
  expect(listed).toContainEqual(expect.objectContaining({ kind: 'investigation', body }));
  // The kind is sealed with the note: that the office investigated a household is itself sensitive.
  const raw = (await rawRows(t.name, 'caseRecords')).filter((row) => row.id === id);
  expect(raw).toHaveLength(1);
  expect(raw[0]).not.toHaveProperty('kind');
  expect(JSON.stringify(raw)).not.toContain('扶養照会');
});
