import { randomUUID } from 'node:crypto';
import { formatHlc } from '../../../shared/sync/hlc.js';
import type { DevicePayload, HubPayload, SyncChange } from '../../../shared/sync/bundleFormat.js';
import { loadSodium } from '../../../main/vault/sodium.js';

export const OFFICE_ID = 'office-13101';
export const HUB_ID = '0190a0b4-7c2e-7d3a-9f10-aaaaaaaaaaaa';
export const LAPTOP_ID = '0190a0b4-7c2e-7d3a-9f10-bbbbbbbbbbbb';
export const DESKTOP_ID = '0190a0b4-7c2e-7d3a-9f10-cccccccccccc';

/** A device's sync key pairs, made the way the vault makes them (Ed25519 to sign, X25519 to be sealed to). */
export async function syncKeyPair() {
  const sodium = await loadSodium();
  return { sign: sodium.crypto_sign_keypair(), box: sodium.crypto_box_keypair() };
}

const NODE = 'bbbbbbbbbbbbbbbb';
const start = Date.parse('2026-05-01T08:30:00.000Z');
const fragments = [
  '本人宅を訪問した。',
  '居室は整理されており、体調は安定している。',
  '通院は月2回継続しているとのこと。',
  '長女から電話があり、就労先が決まったと聞いた。',
  '来月から収入が見込まれるため、給与明細の提出を依頼した。',
  '家賃の滞納はない。',
  '冬季加算について説明し、灯油代の領収書を確認した。',
  '主治医意見書を受領した。軽作業なら就労可能との所見。',
  '次回訪問で就労支援について相談する予定。',
  '民生委員から、最近外出が減っているとの連絡があった。',
  '介護保険の認定調査の日程を調整した。',
  '年金の裁定請求について日本年金機構に照会した。',
  '預金通帳を確認し、残高に変動がないことを確かめた。',
  '生活用品の購入について助言した。',
  '本人は不在。不在票を投函した。',
  '扶養義務者への照会文書を送付した。',
];

/** A small deterministic generator, so every run measures the same rows. */
function generator(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % n;
  };
}

/** A note of three to six sentences with the figures and dates a real note has: less repetitive than one phrase. */
function note(random: (n: number) => number): string {
  const sentences = Array.from({ length: 3 + random(4) }, () => fragments[random(fragments.length)]!);
  return `${sentences.join('')}（${1 + random(12)}月${1 + random(28)}日、${random(50) * 1_000 + 3_000}円）`;
}

/**
 * Changed rows as a field laptop sends them after days of visits: case records (visits and notes), incomes,
 * member edits with their base, in the proportions a caseworker's week produces. Realistic Japanese text, so the
 * compression measured is the compression a real bundle gets.
 */
export function changedRows(count: number): SyncChange[] {
  const random = generator(count);
  return Array.from({ length: count }, (_, i): SyncChange => {
    const hlc = formatHlc({ millis: start + i * 7_000, counter: i % 3, node: NODE });
    const householdId = `hh-${String(i % 300).padStart(5, '0')}`;
    const synced = { id: randomUUID(), householdId, hlc, createdAt: new Date(start + i * 7_000).toISOString(), updatedBy: 'u-cw1' };
    switch (i % 4) {
      case 0:
      case 1:
        return {
          table: 'caseRecords',
          id: synced.id,
          op: 'put',
          hlc,
          row: { ...synced, authorId: 'u-cw1', recordedOn: '2026-05-01', kind: i % 2 ? 'visit' : 'call', body: note(random) },
        };
      case 2:
        return {
          table: 'incomes',
          id: synced.id,
          op: 'put',
          hlc,
          row: {
            ...synced,
            memberId: `m-${i}`,
            month: '2026-05',
            kind: 'employment',
            gross: 80_000 + (i % 50) * 1_000,
            deductions: 12_000,
            note: '給与明細で確認',
          },
        };
      default: {
        const base = {
          ...synced,
          name: '山田 花子',
          kana: 'ヤマダ ハナコ',
          birthDate: `19${40 + random(60)}-0${1 + random(9)}-1${random(10)}`,
          relation: '世帯主',
          phone: '048-000-0000',
        };
        return { table: 'members', id: synced.id, op: 'put', hlc, row: { ...base, phone: `090-1234-${String(i % 10_000).padStart(4, '0')}` }, base };
      }
    }
  });
}

export function devicePayload(count: number): DevicePayload {
  return {
    kind: 'device',
    sentAt: start,
    changes: changedRows(count),
    outboxThrough: count,
    audit: [],
    linkage: [],
    appliedHubSeq: 0,
    erased: [],
    digest: { scope: 'a'.repeat(64), cases: {} },
  };
}

export function hubPayload(deviceId: string, count = 3): HubPayload {
  return {
    kind: 'hub',
    sentAt: start,
    changes: changedRows(count),
    since: null,
    through: formatHlc({ millis: start, counter: 0, node: 'aaaaaaaaaaaaaaaa' }),
    erase: [],
    receipts: [{ seq: 1, status: 'applied', reason: null }],
    outboxAcknowledged: 0,
    auditAcknowledged: 0,
    digest: { scope: 'b'.repeat(64), cases: {} },
    device: { id: deviceId, profile: 'field', caseloadUserIds: [] },
  };
}
