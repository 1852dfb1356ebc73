import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { listExchanges } from '../../main/linkage/exchangeFolder';
import { INCOMING_DIR, SEALED_RECORDS_FILE } from '../../shared/linkage/exchangeFormat';
import { linkageKindLabels, linkageStatusLabels, type LinkageKind, type LinkageStatus } from '../../shared/linkage/linkageKinds';
import { goToHash } from './casesFixtures';
import { expect } from './fixtures';

/**
 * Steps of 情報連携 as the staff walk them in the browser: members with their 宛名番号, the case's 連携 tab, and the
 * administrator's 連携 area (設定, 書き出し, 取込み). The 中間サーバー itself is the simulator in
 * test/linkage/intermediateServer.ts, run by the test in Node on the same exchange folder as the host.
 */

export interface LinkedMember {
  name: string;
  kana: string;
  birthDate: string;
  sex: 'male' | 'female';
  /** One of the members table's 続柄 choices (not for the head). */
  relation?: string;
  atenaNumber: string;
  nonDisclosure?: boolean;
}

/** On the 世帯員 tab: gives the head (created by the 新規ケース登録 screen) their 宛名番号. */
export async function setAtenaNumber(page: Page, name: string, atenaNumber: string) {
  const members = page.getByRole('table', { name: '世帯員' });
  await members.getByRole('button', { name: `${name}を編集` }).click();
  const editor = page.getByRole('form', { name: `${name}の内容を変更` });
  await editor.getByLabel('宛名番号', { exact: true }).fill(atenaNumber);
  await editor.getByRole('button', { name: '保存する' }).click();
  await expect(editor).toHaveCount(0);
}

/** On the 世帯員 tab: adds a member with their 宛名番号 (and 不開示 when asked) and waits for the row. */
export async function addMember(page: Page, member: LinkedMember) {
  await page.getByRole('button', { name: '世帯員を追加' }).click();
  const editor = page.getByRole('form', { name: '世帯員を追加' });
  await editor.getByLabel('氏名', { exact: true }).fill(member.name);
  await editor.getByLabel('フリガナ', { exact: true }).fill(member.kana);
  await editor.getByLabel('生年月日', { exact: true }).fill(member.birthDate);
  await editor.getByLabel('性別', { exact: true }).selectOption(member.sex);
  await editor.getByLabel('続柄', { exact: true }).selectOption(member.relation ?? 'その他');
  await editor.getByLabel('宛名番号', { exact: true }).fill(member.atenaNumber);
  if (member.nonDisclosure) await editor.getByRole('checkbox', { name: /^不開示/ }).check();
  await editor.getByRole('button', { name: '保存する' }).click();
  await expect(editor).toHaveCount(0);
  await expect(page.getByRole('table', { name: '世帯員' }).getByRole('row', { name: new RegExp(member.name) })).toBeVisible();
}

/** The case's 連携の状況 (on the 連携 tab). */
export const linkageLedger = (page: Page): Locator => page.getByRole('region', { name: '連携の状況' });

/** The ledger rows of one kind for one member, named「<種別> <対象者>」. */
export const ledgerEntries = (page: Page, kind: LinkageKind, memberName: string): Locator =>
  linkageLedger(page).getByRole('article', { name: `${linkageKindLabels[kind]} ${memberName}`, exact: true });

/** A ledger row's 状態 (its label and, when held or refused, the reason) — not its folded 経過. */
export const statusOf = (entry: Locator): Locator => entry.locator('xpath=./dl/dt[normalize-space(.)="状態"]/following-sibling::dd[1]');

/** The one row of `kind` for the member is at `status` (its label starts the 状態 line). */
export async function expectLedgerStatus(page: Page, kind: LinkageKind, memberName: string, status: LinkageStatus) {
  const entries = ledgerEntries(page, kind, memberName);
  await expect(entries).toHaveCount(1);
  await expect(statusOf(entries)).toHaveText(new RegExp(`^${escapeRegExp(linkageStatusLabels[status])}`));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The administrator's 連携 area on `tab`. */
export async function openLinkageArea(page: Page, tab: '書き出し（送信）' | '取込み（結果）' | '連携設定') {
  await goToHash(page, '#/linkage');
  await expect(page.getByRole('heading', { level: 2, name: '連携' })).toBeVisible();
  await page.getByRole('tab', { name: tab, exact: true }).click();
}

/** The panel of the 連携 area's tab on screen (each tab's panel is a section named by its heading). */
export const linkagePanel = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true });

/** 書き出し（送信）: clicks 連携ファイルを書き出す and returns the status line once it says something. */
export async function exportLinkageFile(page: Page): Promise<string> {
  await openLinkageArea(page, '書き出し（送信）');
  const panel = linkagePanel(page, '書き出し（送信）');
  await expect(panel.getByRole('table', { name: '送信待ちの件数' })).toBeVisible();
  const status = panel.getByRole('status');
  // A freshly opened panel: the line below can only be this export's.
  await expect(status).toBeEmpty();
  await panel.getByRole('button', { name: '連携ファイルを書き出す' }).click();
  await expect(status).not.toBeEmpty();
  return (await status.textContent()) ?? '';
}

/** The count cell of `kind` (or the 合計 row) in a KindCounts table. */
export const countOf = (table: Locator, row: string): Locator => table.getByRole('row', { name: new RegExp(`^${escapeRegExp(row)}`) }).getByRole('cell');

/** The result folder in incoming/ that answers the request exchange `exchangeId`. */
export async function resultFolderFor(exchangeDir: string, exchangeId: string): Promise<string> {
  const incoming = await listExchanges(join(exchangeDir, INCOMING_DIR));
  const replies = incoming.filter((entry) => entry.manifest?.inReplyTo === exchangeId);
  expect(replies).toHaveLength(1);
  return replies[0]!.folder;
}

/** Flips one bit of the (sealed) records file in a result folder after it was signed; calling it again restores the byte. */
export function flipRecordsByte(exchangeDir: string, folder: string, at = 40) {
  const file = join(exchangeDir, INCOMING_DIR, folder, SEALED_RECORDS_FILE);
  const bytes = readFileSync(file);
  bytes[at] = bytes[at]! ^ 0x01;
  writeFileSync(file, bytes);
}
