import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { refund63 } from '../../../shared/calc/debts.js';
import { makePayerNumber, makeRecipientNumber } from '../../../shared/casework/publicPayerNumber.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { AccessDeniedError, InvalidRecordError } from '../../../renderer/data/errors.js';
import type { DataStore } from '../../../renderer/data/db.js';
import { household, openTestStore, seedOffice, session } from './fixtures.js';

/**
 * The rules a screen must not be able to go around, asked of the data layer directly (no screen, no service):
 * each refusal names why, and leaves every table, the outbox and the audit log as they were.
 */

async function office() {
  const t = await openTestStore();
  const seeded = await seedOffice(t.store);
  return { ...t, ...seeded, cwA: session('caseworker', seeded.ids.cwA, 'team-1') };
}

/** Every row of the tables a refused write could have touched, to compare before and after. */
const snapshot = async (store: DataStore) => {
  const tables = ['households', 'applications', 'decisions', 'medicalTickets', 'debts', 'caseRecords', 'outbox', 'audit'] as const;
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await store.db.table(t).toArray()] as const)));
};

async function refusedUnchanged(store: DataStore, write: () => Promise<unknown>, type: typeof AccessDeniedError | typeof InvalidRecordError, message: RegExp) {
  const before = await snapshot(store);
  const error = await write().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(type);
  expect((error as Error).message).toMatch(message);
  expect(await snapshot(store)).toEqual(before);
}

describe('the data layer refuses, when called directly', () => {
  test('an application set to 決定済み without a decision: no generic write exists, and intake always records 受付', async () => {
    const { repos, store, cwA } = await office();
    const hC = await repos.households.save(cwA, household(cwA.userId, { status: 'consultation' }));
    // Only the rule-bearing operations write applications: receiveApplication here, the 課長's approval later.
    expect(Object.keys(repos.applications).sort()).toEqual(['get', 'list']);
    const forged = { id: uuidv7(), householdId: hC.id, appliedOn: '2026-11-05', extensionReason: null, status: 'decided' } as never;
    const application = await repos.decisions.receiveApplication(cwA, forged);
    expect(application.status).toBe('received');
    expect((await repos.applications.get(cwA, application.id))?.status).toBe('received');
    // A second application on a case already 申請中 is refused and writes nothing.
    await refusedUnchanged(
      store,
      () => repos.decisions.receiveApplication(cwA, { id: uuidv7(), householdId: hC.id, appliedOn: '2026-11-06', extensionReason: null }),
      InvalidRecordError,
      /申請/,
    );
  });

  test('a ticket for a case without 医療扶助 in force', async () => {
    const { repos, store, hA, mA, cwA } = await office();
    expect(Object.keys(repos.medicalTickets).sort()).toEqual(['get', 'list']);
    const ticket = {
      memberId: mA.id,
      month: '2026-11',
      kind: 'medical' as const,
      institution: '加須中央病院',
      payerNumber: makePayerNumber({ prefecture: 11, agency: 201 }),
      recipientNumber: makeRecipientNumber(123456),
      copayment: 0,
    };
    await refusedUnchanged(store, () => repos.tickets.issue(cwA, hA.id, ticket), InvalidRecordError, /医療扶助が決定されていない/);
  });

  test("a caseworker writing another worker's case", async () => {
    const { repos, store, hB, mB, cwA } = await office();
    await refusedUnchanged(store, () => repos.households.update(cwA, hB.id, { address: '書き換え' }), AccessDeniedError, /担当範囲外/);
    await refusedUnchanged(
      store,
      () => repos.caseRecords.save(cwA, { id: uuidv7(), householdId: hB.id, authorId: cwA.userId, recordedOn: '2026-11-20', kind: 'call', body: '電話' }),
      AccessDeniedError,
      /担当範囲外/,
    );
    await refusedUnchanged(store, () => repos.members.save(cwA, { ...mB, name: '書き換え' }), AccessDeniedError, /担当範囲外/);
    await refusedUnchanged(
      store,
      () => repos.incomes.save(cwA, hB.id, { id: uuidv7(), memberId: mB.id, month: '2026-11', note: '', kind: 'pension', amount: 1 }),
      AccessDeniedError,
      /担当範囲外/,
    );
  });

  test('a debt written by a caseworker (only 経理 keeps the ledgers)', async () => {
    const { repos, store, hA, cwA } = await office();
    expect(Object.keys(repos.debts).sort()).toEqual(['get', 'list']);
    const result = refund63({ benefitReceived: 100_000, deductions: [], monthlyInstallment: 30_000, startMonth: '2026-05' });
    await refusedUnchanged(
      store,
      () => repos.ledgers.create(cwA, hA.id, { kind: 'refund63', decidedOn: '2026-04-20', result }),
      AccessDeniedError,
      /返還金・徴収金/,
    );
    const debt = await repos.ledgers.create(session('accounting', uuidv7()), hA.id, { kind: 'refund63', decidedOn: '2026-04-20', result });
    await refusedUnchanged(store, () => repos.ledgers.receive(cwA, debt.id, { receivedOn: '2026-05-25', amount: 30_000 }), AccessDeniedError, /返還金・徴収金/);
  });
});
