// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, expect, test, vi } from 'vitest';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { contract } from '../../../shared/ipc/contract.js';
import { INCOMING_DIR, SEALED_RECORDS_FILE } from '../../../shared/linkage/exchangeFormat.js';
import { defaultLinkageItems } from '../../../shared/linkage/legalReferences.js';
import { createRouter } from '../../../main/ipc/router.js';
import { createHandlers } from '../../../main/services/handlers.js';
import { argon2idPresets, createInlineKdf } from '../../../main/vault/kdf.js';
import { buildApi } from '../../../main/preload/index.js';
import { unlockedFor, type TestUnlocked } from '../unlockedFor.js';
import { createIntermediateServer, type IntermediateServer } from '../../linkage/intermediateServer.js';
import { member, openTestStore, seedOffice, session } from '../../unit/data/fixtures.js';

// The preload needs electron only for `exposeInMainWorld`; the api itself is built from the fake ipcRenderer below.
vi.mock('electron', () => ({ contextBridge: { exposeInMainWorld: () => {} }, ipcRenderer: {} }));
// The screens read the open store and session from the unlocked app; here they are a real store on fake-indexeddb.
let unlocked: TestUnlocked;
vi.mock('../../../renderer/session/SessionProvider', () => ({ useUnlocked: () => unlocked, useServices: () => unlocked.services }));

const { LinkageScreen } = await import('../../../renderer/features/linkage/LinkageScreen.js');
const { AuditScreen } = await import('../../../renderer/features/audit/AuditScreen.js');

afterEach(cleanup);

const work = mkdtempSync(join(tmpdir(), 'seiho-linkage-comp-'));
const exchangeDir = join(work, 'exchange');
let seeded: Awaited<ReturnType<typeof seedOffice>>;
let admin: TestUnlocked;
let answered: { householdId: string; memberId: string };

/** Main as Electron wires it (real router, vault and linkage handlers), unlocked as the office's administrator. */
beforeAll(async () => {
  const { handlers } = createHandlers({
    dataDir: mkdtempSync(join(work, 'data-')),
    host: 'electron',
    appVersion: 't',
    platform: 'linux',
    emit: () => {},
    vaultOptions: { kdf: createInlineKdf(), policy: { kdfCost: argon2idPresets.MIN } },
  });
  const router = createRouter(handlers, () => true);
  const credentials = { loginId: 'kanri01', displayName: '管理 花子', passphrase: 'さくら並木の朝は早い-2026' };
  const origin = { senderOrigin: 'app://seiho' };
  const setUp = await router.dispatch(
    'officeSetup',
    { officeName: '加須市福祉事務所', municipality: '加須市', deviceProfile: 'office', admin: credentials },
    origin,
  );
  const opened = await router.dispatch('vaultUnlock', { loginId: credentials.loginId, passphrase: credentials.passphrase }, origin);
  if (!setUp.ok || !opened.ok) throw new Error(JSON.stringify([setUp, opened]));
  const byChannel = new Map(Object.entries(contract).map(([method, entry]) => [entry.channel, method]));
  window.seiho = buildApi({
    invoke: (channel: string, request: unknown) => router.dispatch(byChannel.get(channel) as never, request, origin),
    on: () => {},
    removeListener: () => {},
  } as never) as never;

  const { store } = await openTestStore();
  seeded = await seedOffice(store);
  await store.db.users.put({
    officeId: 'office-1',
    status: 'active',
    hlc: store.clock.stamp(),
    id: seeded.ids.admin,
    teamId: null,
    role: 'systemAdmin',
    name: '管理 花子',
  });
  // 1000000001 is registered at the simulator with tax information; mA's number is not (so its inquiry is refused).
  const registered = {
    ...member(seeded.hA.id, { name: '加増 太郎', kana: 'カゾウ タロウ', atenaNumber: '1000000001', relation: '長男' }),
    hlc: store.clock.stamp(),
  };
  await store.db.members.put(registered);
  answered = { householdId: seeded.hA.id, memberId: registered.id };
  const s = session('systemAdmin', seeded.ids.admin);
  admin = unlockedFor(store, s, '管理 花子', 'kanri01');
  unlocked = admin;
});

const tab = (name: string) => fireEvent.click(screen.getByRole('tab', { name }));
const status = (text: string) => screen.findByText((_, el) => el?.getAttribute('role') === 'status' && (el.textContent ?? '').includes(text));

async function queueInquiries() {
  const caseworker = session('caseworker', seeded.ids.cwA, 'team-1');
  const ask = { itemCode: 'localTax', provider: '市町村長', reason: '収入認定のため課税状況を確認する' };
  await admin.repos.linkage.requestInquiry(caseworker, { ...ask, householdId: seeded.hA.id, memberId: seeded.mA.id });
  await admin.repos.linkage.requestInquiry(caseworker, { ...ask, ...answered });
}

/** The settings form as the administrator fills it: a wrong code first (refused on blur), then full-width digits. */
async function configure(peerPublicKey: string) {
  render(<LinkageScreen />);
  tab('連携設定');
  const officeCode = (await screen.findByLabelText('団体コード')) as HTMLInputElement;
  await waitFor(() => expect(screen.getByRole('button', { name: '保存する' })).toHaveProperty('disabled', false));
  fireEvent.change(officeCode, { target: { value: '12345' } });
  fireEvent.blur(officeCode);
  expect(await screen.findByText('団体コード: 団体コードは6桁の数字で入力してください')).toBeTruthy();
  fireEvent.change(officeCode, { target: { value: '１１２１０１' } });
  fireEvent.change(screen.getByLabelText('連携フォルダ'), { target: { value: exchangeDir } });
  fireEvent.change(screen.getByLabelText('相手方の公開鍵'), { target: { value: peerPublicKey } });
  fireEvent.click(screen.getByRole('button', { name: '保存する' }));
  await status('連携設定を保存しました。');
  cleanup();
}

let server: IntermediateServer;

test('the administrator configures the link, shows the office key, and the other settings stay as they were', async () => {
  const info = await window.seiho!.linkageInfo({});
  if (!info.ok) throw new Error(info.error.message);
  server = await createIntermediateServer({
    exchangeDir,
    stateFile: join(work, 'simulator.json'),
    office: { id: info.value.officeId, code: '112101', publicKey: new Uint8Array(Buffer.from(info.value.publicKey, 'base64')) },
    // Read here: under happy-dom the simulator's own `new URL(…, import.meta.url)` is not a file URL node can open.
    fixture: JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../linkage/fixtures/registry.json'), 'utf8')),
  });
  await configure(server.publicKey);
  const stored = await window.seiho!.settingsGet({});
  expect(stored.ok && stored.value).toMatchObject({
    officeName: '加須市福祉事務所',
    linkage: { officeCode: '112101', payerNumber: null, exchangeDir, peerPublicKey: server.publicKey },
  });

  render(<LinkageScreen />);
  tab('連携設定');
  const key = await screen.findByRole('region', { name: 'この事務所の公開鍵' });
  expect(key.textContent).toContain(info.value.publicKey);
  expect(key.textContent).toContain(info.value.fingerprint);
  // The peer key's fingerprint (to read back) and the office's decryption key, as main computes them.
  const shown = await window.seiho!.linkageInfo({});
  expect(key.textContent).toContain(shown.ok && shown.value.peerFingerprint);
  expect(key.textContent).toContain(shown.ok && shown.value.decryptionKey.fingerprint);
  expect(screen.getByText(`現在の連携フォルダ: ${exchangeDir}。空欄にすると、データフォルダ内の exchange フォルダを使います。`)).toBeTruthy();
});

test('pending inquiries are written to a signed file, answered, imported with a per-record report, and recorded for the auditor', async () => {
  await queueInquiries();
  render(<LinkageScreen />);
  const pending = await screen.findByRole('table', { name: '送信待ちの件数' });
  expect(within(pending).getByRole('row', { name: /情報照会/ }).textContent).toContain('2件');
  fireEvent.click(screen.getByRole('button', { name: '連携ファイルを書き出す' }));
  await status('連携ファイルを書き出しました（2件）。');
  expect(within(screen.getByRole('table', { name: '書き出した件数' })).getByRole('row', { name: /合計/ }).textContent).toContain('2件');
  await waitFor(() => expect(within(screen.getByRole('table', { name: '送信待ちの件数' })).getByRole('row', { name: /合計/ }).textContent).toContain('0件'));

  // Exporting again finds nothing: the outbox was cleared only now that the file exists.
  fireEvent.click(screen.getByRole('button', { name: '連携ファイルを書き出す' }));
  await status('書き出す連携データはありません。');

  await server.processOutgoing();
  tab('取込み（結果）');
  const incoming = await screen.findByRole('table', { name: '届いた結果ファイル' });
  fireEvent.click(within(incoming).getByRole('button', { name: '取り込む' }));
  await status('2件の結果を取り込みました（反映 1件・差戻し 1件・隔離 0件）。');
  const report = screen.getByRole('table', { name: '取込み結果' });
  const rows = within(report)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent));
  expect(rows).toEqual(
    expect.arrayContaining([
      [seeded.hA.caseNumber, '情報照会', '差戻し', '反映', '差戻し: 宛名番号が団体内統合宛名システムに登録されていません'],
      [seeded.hA.caseNumber, '情報照会', '回答', '反映', '回答を受領しました'],
    ]),
  );
  expect(await screen.findByText(/^届いている結果ファイルはありません。中間サーバーから受け取った結果ファイルを連携フォルダに置くと/)).toBeTruthy();
  expect(screen.getByText('隔離された結果はありません。')).toBeTruthy();
  const ledger = await admin.repos.linkage.list(session('caseworker', seeded.ids.cwA, 'team-1'), seeded.hA.id);
  expect(ledger.map((row) => ('status' in row ? row.status : 'damaged')).sort()).toEqual(['answered', 'rejected']);
  cleanup();

  // The auditor reads the §23 records: two inquiries sent and one answer received, with the basis and who did it.
  unlocked = unlockedFor(admin.store, session('auditor', seeded.ids.auditor), '監査 一郎');
  try {
    render(<AuditScreen />);
    tab('提供・照会記録（番号法第23条）');
    const records = await screen.findByRole('table', { name: '提供・照会記録' });
    await waitFor(() => expect(records.querySelector('caption')?.textContent).toBe('3 件'));
    const kinds = within(records)
      .getAllByRole('row')
      .slice(1)
      .map((row) => row.querySelectorAll('td')[1]?.textContent);
    expect(kinds.sort()).toEqual(['回答受領', '照会', '照会']);
    expect(records.textContent).toContain('地方税関係情報（課税・所得）');
    expect(records.textContent).toContain('管理 花子');
    expect(records.textContent).toContain('担当A');
    expect(records.textContent).toMatch(/令和\d+年\d+月\d+日 \d{2}:\d{2}:\d{2}/);
    fireEvent.change(screen.getByLabelText('種別'), { target: { value: 'answer' } });
    fireEvent.click(screen.getByRole('button', { name: '検索' }));
    await waitFor(() => expect(records.querySelector('caption')?.textContent).toBe('1 件'));

    const created = vi.spyOn(URL, 'createObjectURL');
    fireEvent.click(screen.getByRole('button', { name: 'JSONで出力' }));
    await status('1 件をJSONで出力しました。');
    const file = JSON.parse(await (created.mock.calls[0]![0] as Blob).text());
    expect(file).toMatchObject({ format: 'seiho-desk-provision-records', records: [{ kind: 'answer', itemCode: 'localTax' }] });
    fireEvent.click(screen.getByRole('button', { name: 'CSVで出力' }));
    await status('1 件をCSVで出力しました。');
    const csv = await (created.mock.calls[1]![0] as Blob).text();
    const [header, line, end] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toContain('"根拠法令"');
    expect(line).toContain('"回答受領"');
    expect(line).toContain('"地方税関係情報（課税・所得）"');
    expect(end).toBe('');
    const log = (await admin.repos.auditLog.query(session('auditor', seeded.ids.auditor), { kind: 'export' })).rows;
    expect(log.some((entry) => 'detail' in entry && (entry.detail as { what?: string }).what === 'provisionRecords')).toBe(true);
  } finally {
    unlocked = admin;
  }
});

test('a result file that fails its check is refused with main’s reason and changes nothing', async () => {
  await queueInquiries();
  render(<LinkageScreen />);
  fireEvent.click(await screen.findByRole('button', { name: '連携ファイルを書き出す' }));
  await status('連携ファイルを書き出しました（2件）。');
  const { exchanges } = await server.processOutgoing();
  expect(exchanges).toHaveLength(1);
  // One byte changed after signing.
  const incoming = await window.seiho!.linkageIncoming({});
  const folder = incoming.ok ? incoming.value.exchanges[0]!.folder : '';
  // Sealed to the office, so the change is to the ciphertext: the hash catches it before anything is opened.
  const records = join(exchangeDir, INCOMING_DIR, folder, SEALED_RECORDS_FILE);
  const bytes = await readFile(records);
  bytes[60] = bytes[60]! ^ 0x01;
  await writeFile(records, bytes);

  tab('取込み（結果）');
  fireEvent.click(within(await screen.findByRole('table', { name: '届いた結果ファイル' })).getByRole('button', { name: '取り込む' }));
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toBe('取り込めませんでした: records.jsonl.sealed が改ざんまたは破損しています（ハッシュ不一致）');
  expect(screen.queryByRole('table', { name: '取込み結果' })).toBeNull();
  const ledger = await admin.repos.linkage.list(session('caseworker', seeded.ids.cwA, 'team-1'), seeded.hA.id);
  expect(ledger.filter((row) => 'status' in row && row.status === 'sent')).toHaveLength(2);
  // Still there to look at, not moved to processed/.
  expect(within(screen.getByRole('table', { name: '届いた結果ファイル' })).getAllByRole('button', { name: '取り込む' })).toHaveLength(1);
});

test('when main cannot write the file, the Japanese error shows and the messages stay pending', async () => {
  const blocked = join(work, 'not-a-folder');
  writeFileSync(blocked, 'ファイル');
  const stored = await window.seiho!.settingsGet({});
  if (!stored.ok) throw new Error(stored.error.message);
  await window.seiho!.settingsUpdate({ linkage: { exchangeDir: blocked } });
  try {
    await queueInquiries();
    const before = await admin.repos.linkageExchange.pendingCounts(admin.session);
    render(<LinkageScreen />);
    fireEvent.click(await screen.findByRole('button', { name: '連携ファイルを書き出す' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^書き出せませんでした: /);
    expect(await admin.repos.linkageExchange.pendingCounts(admin.session)).toEqual(before);
  } finally {
    await window.seiho!.settingsUpdate({ linkage: { exchangeDir: stored.value.linkage!.exchangeDir } });
  }
});

test('an item’s legal basis is edited (overlaps refused), saved into the settings, and reset to the defaults', async () => {
  render(<LinkageScreen />);
  tab('連携項目と根拠法令');
  // The items read as a person names them: no internal codes (seikatsuHogo …), no references to project files.
  const itemsTable = (await screen.findByRole('button', { name: '生活保護関係情報の根拠法令を編集' })).closest('table')!;
  expect(itemsTable.textContent).not.toMatch(/seikatsuHogo|medicalEligibility|mission-anchors|\b[a-z]+[A-Z][A-Za-z]*\b|§/);
  fireEvent.click(await screen.findByRole('button', { name: '生活保護関係情報の根拠法令を編集' }));
  const editor = screen.getByRole('form', { name: '生活保護関係情報の根拠法令を編集' });
  fireEvent.click(within(editor).getByRole('button', { name: '根拠法令の期間を追加' }));
  const added = within(editor).getByRole('group', { name: '根拠法令3' });
  const field = (label: string) => within(added).getByLabelText(label) as HTMLInputElement;
  fireEvent.change(field('開始日'), { target: { value: '２０２６-０４-０１' } });
  fireEvent.change(field('根拠法令'), { target: { value: '利用特定個人情報の提供に関する命令 第2条' } });
  fireEvent.change(field('出典'), { target: { value: '官報で確認' } });
  fireEvent.click(field('確認済み'));
  fireEvent.click(within(editor).getByRole('button', { name: '保存する' }));
  // The 2024 period is open-ended, so the new one overlaps it until that period is closed.
  expect(await within(added).findByText('開始日: 根拠法令2の期間と重なっています')).toBeTruthy();
  fireEvent.change(within(within(editor).getByRole('group', { name: '根拠法令2' })).getByLabelText('終了日'), { target: { value: '2026-03-31' } });
  fireEvent.click(within(editor).getByRole('button', { name: '保存する' }));
  await status('「生活保護関係情報」の根拠法令を保存しました。');

  const stored = await window.seiho!.settingsGet({});
  const item = stored.ok ? stored.value.linkage?.items?.find((i) => i.code === 'seikatsuHogo') : undefined;
  expect(item?.basis.slice(1)).toEqual([
    { ...defaultLinkageItems[0]!.basis[1], to: '2026-03-31' },
    { from: '2026-04-01', to: null, text: '利用特定個人情報の提供に関する命令 第2条', source: '官報で確認', verified: true },
  ]);
  await waitFor(() =>
    expect(screen.getByRole('row', { name: /生活保護関係情報/ }).textContent).toContain('利用特定個人情報の提供に関する命令 第2条（出典: 官報で確認）'),
  );
  expect(screen.getByRole('row', { name: /生活保護関係情報/ }).textContent).toContain('令和8年4月1日〜');
  expect(screen.getByRole('row', { name: /生活保護関係情報/ }).textContent).toContain('令和6年5月27日〜令和8年3月31日');

  fireEvent.click(screen.getByRole('button', { name: '既定に戻す' }));
  fireEvent.click(screen.getByRole('button', { name: '既定の表に戻す' }));
  await status('連携項目と根拠法令を既定の表に戻しました。');
  const reset = await window.seiho!.settingsGet({});
  expect(reset.ok && reset.value.linkage).toMatchObject({ officeCode: '112101' });
  expect(reset.ok && reset.value.linkage?.items).toBeUndefined();
  await waitFor(() => expect(screen.getByRole('button', { name: '既定に戻す' })).toHaveProperty('disabled', true));
});

test('records past their 7 years are purged after a confirmation, and the count is reported', async () => {
  const old = { at: '2018-04-01T00:00:00.000Z', retainUntil: '2025-04-01' };
  await admin.store.db.provisionRecords.add({
    ...old,
    id: uuidv7(),
    kind: 'inquiry',
    actorId: seeded.ids.admin,
    requestedBy: seeded.ids.cwA,
    linkageKind: 'inquiry',
    itemCode: 'localTax',
    itemLabel: '地方税関係情報（課税・所得）',
    legalBasis: '番号法第19条第8号',
    counterpart: '市町村長',
    householdId: null,
    linkageRecordId: null,
    exchangeId: 'old',
  });
  render(<LinkageScreen />);
  tab('保存期間');
  fireEvent.click(screen.getByRole('button', { name: '保存期間（7年）を過ぎた提供・照会記録を削除' }));
  fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: '削除する' }));
  await status('保存期間を過ぎた提供・照会記録を1件削除しました。');
  fireEvent.click(screen.getByRole('button', { name: '保存期間（7年）を過ぎた提供・照会記録を削除' }));
  fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: '削除する' }));
  await status('保存期間を過ぎた提供・照会記録はありませんでした。');
});
