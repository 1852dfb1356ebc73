import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { localIsoDate } from '../../../shared/casework/calendarDate.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { AccessDeniedError } from '../../../renderer/data/errors.js';
import { openTestStore, seedOffice, session } from './fixtures.js';

/** Who may record a 相談 follows the office's setting in the data layer itself, not only on the screen (issue 13). */
test('a caseworker records a 相談 only where the office lets 地区担当員 take them, and only on their own caseload; a supervisor never', async () => {
  const { store, repos } = await openTestStore();
  const { ids, hA, hB } = await seedOffice(store);
  const cwA = session('caseworker', ids.cwA, 'team-1');
  const consultation = (householdId: string) => ({
    id: uuidv7(),
    householdId,
    intakeOfficerId: ids.cwA,
    consultedOn: localIsoDate(new Date()),
    status: 'open' as const,
    purpose: '医療費の相談',
    situation: '年金のみ',
    advice: '',
  });
  const count = () => store.db.consultations.count();

  for (const takers of [undefined, 'intakeOfficers'] as const) {
    await expect(repos.consultations.save(cwA, consultation(hA.id), takers)).rejects.toThrow(AccessDeniedError);
    await expect(repos.consultations.save(cwA, consultation(hA.id), takers)).rejects.toThrow('ケースワーカーは相談を記録できません');
  }
  expect(await count()).toBe(0);

  await expect(repos.consultations.save(cwA, consultation(hA.id), 'intakeOfficersAndCaseworkers')).resolves.toMatchObject({ purpose: '医療費の相談' });
  // Another caseworker's household stays out of scope.
  await expect(repos.consultations.save(cwA, consultation(hB.id), 'intakeOfficersAndCaseworkers')).rejects.toThrow(AccessDeniedError);
  const sv = session('supervisor', uuidv7(), 'team-1');
  await expect(repos.consultations.save(sv, consultation(hA.id), 'intakeOfficersAndCaseworkers')).rejects.toThrow(AccessDeniedError);
  expect(await count()).toBe(1);
});
