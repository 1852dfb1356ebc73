import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { AccessDeniedError, InvalidRecordError } from '../../../renderer/data/errors.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { cardVerification, household, member, openTestStore, rawRows, seedOffice, session, VALID_MY_NUMBER } from './fixtures.js';

async function office(profile: 'office' | 'field' = 'office') {
  const t = await openTestStore(profile);
  return { ...t, ...(await seedOffice(t.store)) };
}

const denied = (promise: Promise<unknown>) => expect(promise).rejects.toBeInstanceOf(AccessDeniedError);

describe('a caseworker reaches only their caseload', () => {
  test('every repository call on a household outside the caseload is refused', async () => {
    const { repos, ids, hB, mB, noteB } = await office();
    const a = session('caseworker', ids.cwA, 'team-1');
    const note = { id: uuidv7(), householdId: hB.id, authorId: ids.cwA, recordedOn: '2026-11-21', kind: 'call' as const, body: 'x' };
    const calls: [string, () => Promise<unknown>][] = [
      ['households.open', () => repos.households.open(a, hB.id)],
      ['households.save', () => repos.households.save(a, { ...hB, phone: null })],
      ['households.save (take over)', () => repos.households.save(a, { ...hB, assignedTo: ids.cwA })],
      ['members.list', () => repos.members.list(a, hB.id)],
      ['members.get', () => repos.members.get(a, mB.id)],
      ['members.save', () => repos.members.save(a, { ...mB, name: '変更' })],
      ['members.remove', () => repos.members.remove(a, mB.id)],
      ['members.revealMyNumber', () => repos.members.revealMyNumber(a, mB.id, '照会のため')],
      ['caseRecords.list', () => repos.caseRecords.list(a, hB.id)],
      ['caseRecords.get', () => repos.caseRecords.get(a, noteB.id)],
      ['caseRecords.save (new)', () => repos.caseRecords.save(a, note)],
      ['caseRecords.save (existing)', () => repos.caseRecords.save(a, { ...noteB, body: 'x' })],
      ['caseRecords.remove', () => repos.caseRecords.remove(a, noteB.id)],
      ['applications.list', () => repos.applications.list(a, hB.id)],
      ['decisions.list', () => repos.decisions.list(a, hB.id)],
      ['calculations.list', () => repos.calculations.list(a, hB.id)],
      ['visitPlans.list', () => repos.visitPlans.list(a, hB.id)],
      ['medicalTickets.list', () => repos.medicalTickets.list(a, hB.id)],
      ['debts.list', () => repos.debts.list(a, hB.id)],
      ['payments.list', () => repos.payments.list(a, hB.id)],
    ];
    for (const [name, call] of calls) {
      const error = await call().catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(AccessDeniedError);
    }
    expect((await repos.households.list(a)).map((h) => h.id)).toEqual([expect.any(String)]);
    expect((await repos.households.search(a, '佐藤')).length).toBe(0);
    expect((await repos.households.search(a, '加須')).map((m) => m.household.assignedTo)).toEqual([ids.cwA]);
  });

  test('search folds widths, scripts and long vowels, matches parts in any order, and stays in scope', async () => {
    const { repos, ids, hA } = await office();
    const a = session('caseworker', ids.cwA, 'team-1');
    for (const query of ['やまだ', 'ﾔﾏﾀﾞ', 'ヤマダ　タロー', 'たろう やまだ', '山田', hA.caseNumber.toLowerCase()]) {
      expect(
        (await repos.households.search(a, query)).map((m) => m.household.id),
        query,
      ).toEqual([hA.id]);
    }
    // 佐藤 花子 is caseworker B's: a match outside the scope is not a hit.
    expect(await repos.households.search(a, 'さとう')).toEqual([]);
    expect(await repos.households.search(a, 'すずき')).toEqual([]);
  });

  test('update changes the row as stored, audits by field name, and opens nothing (no caseOpened entry)', async () => {
    const { store, repos, ids, hA, hB } = await office();
    const a = session('caseworker', ids.cwA, 'team-1');
    const opened = async () => await store.db.audit.where('kind').equals('caseOpened').count();
    const before = await opened();
    const saved = await repos.households.update(a, hA.id, { phone: '0480-11-2222' });
    expect(saved).toMatchObject({ id: hA.id, phone: '0480-11-2222', address: hA.address });
    expect(await opened()).toBe(before);
    await expect(repos.households.update(a, hB.id, {})).rejects.toBeInstanceOf(AccessDeniedError);
  });

  test('moving an own case to another caseworker is refused, and so is moving a record into another household', async () => {
    const { repos, ids, hA, hB, noteA } = await office();
    const a = session('caseworker', ids.cwA, 'team-1');
    await denied(repos.households.save(a, { ...hA, assignedTo: ids.cwB }));
    await denied(repos.caseRecords.save(a, { ...noteA, householdId: hB.id }));
    await expect(repos.households.save(a, household(ids.cwA))).resolves.toMatchObject({ assignedTo: ids.cwA });
    await denied(repos.households.save(a, household(ids.cwB)));
  });

  test('within the caseload: reads, writes with outbox and audit', async () => {
    const { repos, store, ids, hA, mA } = await office();
    const a = session('caseworker', ids.cwA, 'team-1');
    await expect(repos.households.open(a, hA.id)).resolves.toMatchObject({ id: hA.id });
    const saved = await repos.caseRecords.save(a, { id: uuidv7(), householdId: hA.id, authorId: ids.cwA, recordedOn: '2026-11-22', kind: 'visit', body: 'ok' });
    expect(saved.hlc).toMatch(/Z-/);
    expect(await repos.caseRecords.list(a, hA.id)).toHaveLength(2);
    expect((await repos.members.get(a, mA.id))?.myNumber).toBe('**** **** 9018');
    const kinds = (await store.db.audit.orderBy('seq').toArray()).map((e) => e.kind);
    expect(kinds).toEqual(['caseOpened', 'create']);
  });
});

describe('supervisor, manager, accounting, administrator, auditor', () => {
  test("a supervisor reaches their team's households, not another team's", async () => {
    const { repos, ids, hA, hB } = await office();
    const sv = session('supervisor', ids.sv1, 'team-1');
    expect((await repos.households.list(sv)).map((h) => h.id)).toEqual([hA.id]);
    await expect(repos.households.open(sv, hA.id)).resolves.toBeTruthy();
    await denied(repos.households.open(sv, hB.id));
    await denied(repos.caseRecords.list(sv, hB.id));
  });

  test('a 課長 reads every case for approval but writes only decisions', async () => {
    const { repos, ids, hA, hB } = await office();
    const manager = session('manager', ids.manager);
    expect(await repos.households.list(manager)).toHaveLength(2);
    await expect(repos.caseRecords.list(manager, hB.id)).resolves.toHaveLength(1);
    await denied(repos.households.save(manager, { ...hA, phone: null }));
  });

  test('the administrator cannot read 個人番号 or case notes', async () => {
    const { repos, ids, hA, mA, noteA } = await office();
    const admin = session('systemAdmin', ids.admin);
    const members = await repos.members.list(admin, hA.id);
    expect(JSON.stringify(members)).not.toContain('9018');
    expect(members[0]).toMatchObject({ id: mA.id, myNumber: null });
    expect((await repos.members.get(admin, mA.id))?.myNumber).toBeNull();
    await denied(repos.members.revealMyNumber(admin, mA.id, '確認のため'));
    await denied(repos.members.save(admin, { ...mA, myNumber: VALID_MY_NUMBER }));
    await denied(repos.caseRecords.list(admin, hA.id));
    await denied(repos.caseRecords.get(admin, noteA.id));
  });

  test('accounting sees no 個人番号 and no case notes either; the auditor sees no case at all', async () => {
    const { repos, ids, hA, mA } = await office();
    const accounting = session('accounting', uuidv7());
    expect((await repos.members.get(accounting, mA.id))?.myNumber).toBeNull();
    await denied(repos.caseRecords.list(accounting, hA.id));
    const auditor = session('auditor', ids.auditor);
    await denied(repos.households.list(auditor));
    await denied(repos.households.open(auditor, hA.id));
    await denied(repos.members.list(auditor, hA.id));
  });

  test('a session that claims another device profile is refused', async () => {
    const { repos, ids, hA } = await office('field');
    await denied(repos.households.open(session('caseworker', ids.cwA, 'team-1', 'office'), hA.id));
  });
});

describe('個人番号', () => {
  test('revealing needs a reason and writes a reveal entry before returning the number', async () => {
    const { repos, store, ids, mA } = await office();
    const a = session('caseworker', ids.cwA, 'team-1');
    await expect(repos.members.revealMyNumber(a, mA.id, ' ')).rejects.toBeInstanceOf(InvalidRecordError);
    expect(await repos.members.revealMyNumber(a, mA.id, '情報照会の確認')).toBe(VALID_MY_NUMBER);
    const [entry] = await store.db.audit.where('kind').equals('reveal').toArray();
    expect(entry).toMatchObject({ actor: ids.cwA, detail: { memberId: mA.id, reason: '情報照会の確認' } });
  });

  test('a wrong check digit is refused; a full-width number is stored as digits; saving without it keeps it', async () => {
    const { repos, ids, hA, mA } = await office();
    const a = session('caseworker', ids.cwA, 'team-1');
    await expect(repos.members.save(a, { ...member(hA.id), myNumber: '123456789012' })).rejects.toBeInstanceOf(InvalidRecordError);
    const fresh = member(hA.id);
    const created = await repos.members.save(a, {
      ...fresh,
      myNumber: '１２３４ ５６７８ ９０１８',
      identityVerification: cardVerification(fresh.id, ids.cwA, ids.sv1),
    });
    expect(await repos.members.revealMyNumber(a, created.id, '確認')).toBe(VALID_MY_NUMBER);
    const { myNumber: _omitted, ...rest } = mA;
    await repos.members.save(a, { ...rest, name: '山田 太郎（改）' });
    expect(await repos.members.revealMyNumber(a, mA.id, '確認')).toBe(VALID_MY_NUMBER);
  });

  test('a number is linked only with its §16 verification, stored sealed on the member and shown only to roles that handle 個人番号', async () => {
    const { repos, store, name, ids, hA } = await office();
    const a = session('caseworker', ids.cwA, 'team-1');
    const fresh = member(hA.id);
    // No record, an unconfirmed one, or one for another person: refused, nothing saved.
    const unconfirmed = { ...cardVerification(fresh.id, ids.cwA, ids.sv1), confirmation: undefined };
    for (const identityVerification of [undefined, unconfirmed, cardVerification(uuidv7(), ids.cwA, ids.sv1)]) {
      await expect(
        repos.members.save(a, { ...fresh, myNumber: VALID_MY_NUMBER, ...(identityVerification ? { identityVerification } : {}) }),
      ).rejects.toMatchObject({ field: 'identityVerification' });
    }
    expect(await store.db.members.get(fresh.id)).toBeUndefined();
    // Without a number there is nothing to verify.
    await expect(repos.members.save(a, { ...fresh, identityVerification: cardVerification(fresh.id, ids.cwA, ids.sv1) })).rejects.toBeInstanceOf(
      InvalidRecordError,
    );

    await repos.members.save(a, { ...fresh, myNumber: VALID_MY_NUMBER, identityVerification: cardVerification(fresh.id, ids.cwA, ids.sv1) });
    expect((await repos.members.get(a, fresh.id))?.identityVerification).toMatchObject({
      method: 'card',
      verifiedBy: ids.cwA,
      confirmation: { staffId: ids.sv1 },
    });
    // Sealed: on disk the row keeps only the members table's clear fields besides the envelope.
    const raw = (await rawRows(name, 'members')).find((row) => row.id === fresh.id);
    expect(raw).toBeDefined();
    expect(raw).not.toHaveProperty('identityVerification');
    // Saved again without the number (omitted keeps it), it stays with the number; removing the number removes it.
    const { myNumber: _kept, ...unnumbered } = fresh;
    await repos.members.save(a, { ...unnumbered, name: '山田 次郎' });
    expect((await repos.members.get(a, fresh.id))?.identityVerification).toMatchObject({ method: 'card' });
    expect((await repos.members.get(session('accounting', uuidv7()), fresh.id))?.identityVerification).toBeNull();
    expect((await repos.members.get(session('systemAdmin', ids.admin), fresh.id))?.identityVerification).toBeNull();
    await repos.members.save(a, { ...fresh, myNumber: null });
    expect((await repos.members.get(a, fresh.id))?.identityVerification).toBeNull();
  });

  test('a field device never stores one', async () => {
    const { repos, store, ids, hA } = await office('field');
    const a = session('caseworker', ids.cwA, 'team-1', 'field');
    await denied(repos.members.save(a, { ...member(hA.id), myNumber: VALID_MY_NUMBER }));
    await expect(repos.members.save(a, member(hA.id))).resolves.toMatchObject({ myNumber: null });
    expect(store.device.profile).toBe('field');
  });

  test('changes are logged by field name, never by value', async () => {
    const { repos, store, ids, mA } = await office();
    const a = session('caseworker', ids.cwA, 'team-1');
    await repos.members.save(a, { ...mA, kana: 'ヤマダ タロ', myNumber: null });
    const [entry] = await store.db.audit.where('kind').equals('update').toArray();
    expect(entry?.detail).toMatchObject({ table: 'members', fields: ['kana', 'myNumber'] });
    expect(JSON.stringify(entry)).not.toMatch(/ヤマダ|9018/);
  });
});
