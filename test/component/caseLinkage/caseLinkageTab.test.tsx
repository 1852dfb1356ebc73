// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, expect, test, vi } from 'vitest';
import type { LinkageRecord } from '../../../shared/domain/records.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { unlockedFor, type TestUnlocked } from '../unlockedFor.js';
import { member, openTestStore, seedOffice, session } from '../../unit/data/fixtures.js';

// The tab reads the open store and session from the unlocked app; here they are a real store on fake-indexeddb.
let unlocked: TestUnlocked;
vi.mock('../../../renderer/session/SessionProvider', () => ({ useUnlocked: () => unlocked, useServices: () => unlocked.services }));
const { CaseLinkageTab } = await import('../../../renderer/features/caseLinkage/CaseLinkageTab.js');

let seeded: Awaited<ReturnType<typeof seedOffice>>;
/** A member of household A without a 宛名番号: listed, but not to be asked about. */
let unaddressed: { id: string; name: string };

beforeAll(async () => {
  // No linkage table in the settings: the tab uses the defaults (whose post-2024 bases are unverified).
  window.seiho = {
    settingsGet: async () => ({ ok: true, value: { officeName: '加須市福祉事務所', defaultMunicipality: '加須市', idleLockMinutes: 10 } }),
  } as never;
  const { store } = await openTestStore();
  seeded = await seedOffice(store);
  const child = { ...member(seeded.hA.id, { name: '山田 花子', kana: 'ヤマダ ハナコ', relation: '子', atenaNumber: null }), hlc: store.clock.stamp() };
  await store.db.members.put(child);
  unaddressed = child;
  const s = session('caseworker', seeded.ids.cwA, 'team-1');
  unlocked = unlockedFor(store, s, '担当A', 'cw');
});
afterEach(cleanup);

/** What the result import would leave on a row: a new status, and what came back. */
async function settle(row: LinkageRecord, change: Partial<LinkageRecord>) {
  const at = new Date().toISOString();
  const status = change.status ?? row.status;
  await unlocked.store.db.linkageRecords.put({
    ...row,
    ...change,
    history: [...row.history, { at, status, note: change.problem?.reason ?? null }],
    hlc: unlocked.store.clock.stamp(),
  });
}

const inquiry = (reason: string, itemCode = 'pension', provider = '日本年金機構') =>
  unlocked.repos.linkage.requestInquiry(unlocked.session, { householdId: seeded.hA.id, memberId: seeded.mA.id, itemCode, provider, reason });

const ledger = () => screen.findByRole('list', { name: '連携の状況' });

test('an answered inquiry shows the answer; a refused one says why and can be re-sent with a corrected reason', async () => {
  const answered = await inquiry('年金受給の有無の確認');
  await settle(answered, {
    status: 'answered',
    answer: { provider: '日本年金機構', answeredOn: '2026-05-20', found: true, items: [{ label: '老齢基礎年金（年額）', value: '780,000円' }] },
  });
  const empty = await inquiry('児童手当の受給確認', 'childAllowance', '市町村長');
  await settle(empty, { status: 'answered', answer: { provider: '市町村長', answeredOn: '2026-05-21', found: false, items: [] } });
  const refused = await inquiry('確認');
  await settle(refused, { status: 'rejected', problem: { code: 'REASON_UNCLEAR', reason: '照会の理由が具体的ではありません' } });

  render(<CaseLinkageTab householdId={seeded.hA.id} />);
  const rows = within(await ledger()).getAllByRole('article');
  // Newest change first: the refusal, then the two answers.
  expect(rows.map((r) => r.textContent?.includes('要訂正（差戻し）'))).toEqual([true, false, false]);
  const [rejected, notFound, found] = rows as [HTMLElement, HTMLElement, HTMLElement];
  expect(rejected.textContent).toContain('照会の理由が具体的ではありません');
  expect(found.textContent).toContain('老齢基礎年金（年額）780,000円');
  expect(found.textContent).toContain('令和8年5月20日');
  expect(notFound.textContent).toContain('該当なし');
  // The inquiry items' basis since 2024-05-27 has not been checked against the 命令.
  expect(within(found).getByText('要確認')).toBeTruthy();
  expect(within(found).queryByRole('button', { name: '再送' })).toBeNull();

  fireEvent.change(within(rejected).getByLabelText('訂正後の照会の理由'), { target: { value: '生活保護法第29条に基づく年金受給額の確認' } });
  fireEvent.click(within(rejected).getByRole('button', { name: '再送' }));
  expect(await screen.findByText('再送しました（送信待ち）。')).toBeTruthy();
  const row = await unlocked.repos.linkage.list(unlocked.session, seeded.hA.id).then((all) => all.find((r) => r.id === refused.id) as LinkageRecord);
  expect(row).toMatchObject({ status: 'pending', body: { reason: '生活保護法第29条に基づく年金受給額の確認' } });
  await waitFor(() => expect(within(screen.getByRole('list', { name: '連携の状況' })).getAllByRole('article')[0]!.textContent).toContain('送信待ち'));
});

test('a suppression says it is for 不開示, and is not offered for re-sending', async () => {
  const reason = '不開示の申出があるため、資格情報を登録しません（医療券・調剤券データも送りません）';
  await unlocked.store.db.linkageRecords.put({
    id: uuidv7(),
    hlc: unlocked.store.clock.stamp(),
    householdId: seeded.hA.id,
    memberId: seeded.mA.id,
    kind: 'medicalEligibility',
    status: 'suppressed',
    idempotencyKey: `linkage:medicalEligibility:${uuidv7()}`,
    naturalKey: {},
    itemCode: 'medicalAidEligibility',
    body: null,
    lastRecordId: null,
    requestedBy: seeded.ids.cwA,
    registered: false,
    exchangeId: null,
    problem: { code: 'NON_DISCLOSURE', reason },
    answer: null,
    history: [{ at: new Date().toISOString(), status: 'suppressed', note: reason }],
  });
  render(<CaseLinkageTab householdId={seeded.hA.id} />);
  const row = within(await ledger())
    .getAllByRole('article')
    .find((r) => r.textContent?.includes('不開示のため送信しない'))!;
  expect(row.textContent).toContain(reason);
  expect(within(row).queryByRole('button', { name: '再送' })).toBeNull();
});

test('情報照会を依頼: a member without a 宛名番号 is refused on the field; the item proposes its provider; the request joins the list', async () => {
  render(<CaseLinkageTab householdId={seeded.hA.id} />);
  const form = await screen.findByRole('form', { name: '情報照会を依頼' });
  const who = within(form).getByLabelText('対象者');
  expect(within(who).getByRole('option', { name: `${unaddressed.name}（宛名番号が未入力）` })).toBeTruthy();
  fireEvent.change(who, { target: { value: unaddressed.id } });
  fireEvent.blur(who);
  expect(await within(form).findByText(`対象者: ${unaddressed.name}さんの宛名番号が未入力です。世帯員の画面で入力してください`)).toBeTruthy();
  fireEvent.change(who, { target: { value: seeded.mA.id } });

  fireEvent.change(within(form).getByLabelText('情報項目'), { target: { value: 'employmentInsurance' } });
  await waitFor(() => expect((within(form).getByLabelText('照会先') as HTMLInputElement).value).toBe('厚生労働大臣'));
  fireEvent.click(within(form).getByRole('button', { name: '照会を依頼' }));
  expect(await within(form).findByText('照会の理由: 照会の理由を入力してください')).toBeTruthy();

  fireEvent.change(within(form).getByLabelText('照会の理由'), { target: { value: '求職中の雇用保険受給の確認' } });
  fireEvent.click(within(form).getByRole('button', { name: '照会を依頼' }));
  expect(await screen.findByText('雇用保険給付関係情報の照会を依頼しました。次の連携ファイルで送信されます。')).toBeTruthy();
  await waitFor(() =>
    expect(within(screen.getByRole('list', { name: '連携の状況' })).getAllByRole('article')[0]!.textContent).toContain('求職中の雇用保険受給の確認'),
  );
});

test('支給口座: a self-reported account is registered from IME input and shown masked; a 公金受取口座照会 records the consent', async () => {
  render(<CaseLinkageTab householdId={seeded.hA.id} />);
  const form = await screen.findByRole('form', { name: '本人申出の口座を登録' });
  const type = (label: string, value: string) => fireEvent.change(within(form).getByLabelText(label), { target: { value } });
  fireEvent.change(within(form).getByLabelText('対象者'), { target: { value: seeded.mA.id } });
  type('金融機関コード', '０００１');
  type('金融機関名', 'みずほ銀行');
  type('支店コード', '１２３');
  type('支店名', '加須支店');
  fireEvent.change(within(form).getByLabelText('種別'), { target: { value: 'savings' } });
  type('口座番号', '12345');
  type('名義カナ', 'やまだ たろう');
  fireEvent.click(within(form).getByRole('button', { name: '口座を登録' }));
  expect(await within(form).findByText('口座番号: 口座番号は7桁の数字で入力してください（6桁以下は先頭を0で埋めます）')).toBeTruthy();
  type('口座番号', '１２３４５６７');
  fireEvent.click(within(form).getByRole('button', { name: '口座を登録' }));
  expect(await screen.findByText('山田 太郎さんの支給口座（本人申出）を登録しました。')).toBeTruthy();
  const accounts = screen.getByRole('table', { name: '支給口座' });
  await waitFor(() => expect(within(accounts).getByRole('row', { name: /山田 太郎/ }).textContent).toContain('***4567'));
  const saved = within(accounts).getByRole('row', { name: /山田 太郎/ }).textContent;
  expect(saved).toContain('ヤマダ タロウ');
  expect(saved).toContain('貯蓄');
  expect(saved).toContain('本人申出');
  expect(saved).not.toContain('1234567');

  const consent = screen.getByRole('form', { name: '公金受取口座を照会' });
  fireEvent.change(within(consent).getByLabelText('同意を得た日'), { target: { value: '２０２６-０４-０１' } });
  fireEvent.change(within(consent).getByLabelText('同意の方法'), { target: { value: 'oral' } });
  fireEvent.click(within(consent).getByRole('button', { name: '公金受取口座を照会' }));
  expect(await screen.findByText('公金受取口座の照会を依頼しました。次の連携ファイルで送信されます。')).toBeTruthy();
  await waitFor(() =>
    expect(within(screen.getByRole('list', { name: '連携の状況' })).getAllByRole('article')[0]!.textContent).toContain('令和8年4月1日・口頭'),
  );
});

test('要訂正の連携 on the home screen lists the refused rows of the caseworker’s cases, each linking to its case', async () => {
  const { MemoryRouter } = await import('react-router');
  const { CorrectionWorkList } = await import('../../../renderer/features/caseLinkage/CorrectionWorkList.js');
  const refused = await inquiry('就労収入の確認', 'localTax', '市町村長');
  await settle(refused, { status: 'rejected', problem: { code: 'ATENA_UNKNOWN', reason: '宛名番号に該当する者がいません' } });
  render(
    <MemoryRouter>
      <CorrectionWorkList />
    </MemoryRouter>,
  );
  const item = within(await screen.findByRole('list', { name: '要訂正の連携' })).getByRole('listitem');
  expect(item.textContent).toContain('情報照会：要訂正（差戻し）（宛名番号に該当する者がいません）');
  expect(
    within(item)
      .getByRole('link', { name: `ケース ${seeded.hA.caseNumber}` })
      .getAttribute('href'),
  ).toBe(`/cases/${seeded.hA.id}`);
});
