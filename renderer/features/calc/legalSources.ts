import { standardTables } from '../../../shared/calc/tables/index';
import type { SourceStatus } from '../../../shared/calc/tables/provenance';
import { formatWareki } from '../../../shared/format/wareki';

/**
 * The calculation's tables as a caseworker cites them: the instrument that sets each table's figures (告示, 通知 or
 * the Act) and the date its figures apply from, in 和暦 — not the engine's transcription sources (S1, S2 …), which
 * `seiho params` and the CLI keep for whoever checks the figures. Data: one row per table of the engine.
 */

const kokuji = { full: '生活保護法による保護の基準（昭和38年厚生省告示第158号）', short: '保護の基準（告示）' };
const jisshiYoryo = { full: '生活保護法による保護の実施要領について（昭和36年厚生省発社第123号 事務次官通知）', short: '実施要領（次官通知）' };
const jutakuLimit = { full: '住宅扶助の限度額（保護の基準に基づき厚生労働大臣が別に定める額）', short: '住宅扶助限度額（大臣が別に定める額）' };
const act55of4 = { full: '生活保護法第55条の4（就労自立給付金）', short: '生活保護法第55条の4' };
const act55of5 = { full: '生活保護法第55条の5（進学・就職準備給付金）', short: '生活保護法第55条の5' };

type Instrument = { full: string; short: string };

const instrumentOf: Record<keyof typeof standardTables, Instrument> = {
  rui1: kokuji,
  rui2: kokuji,
  teigenRitsu: kokuji,
  keikaKasan: kokuji,
  tokureiKasan: kokuji,
  tokiKasan: kokuji,
  tokiChikuByPrefecture: kokuji,
  kimatsuIchijiFujo: kokuji,
  shogaishaKasan: kokuji,
  boshiKasan: kokuji,
  jidoYoikuKasan: kokuji,
  jidoYoikuKeikaKasan: kokuji,
  boshiSetaiKeikaKasan: kokuji,
  ninsanpuKasan: kokuji,
  kaigoHokenryoKasan: kokuji,
  zaitakuKanjaKasan: kokuji,
  hoshasenKasan: kokuji,
  kaigoShisetsuKasan: kokuji,
  jutakuKijungaku: kokuji,
  kyoikuFujoElementary: kokuji,
  kyoikuFujoJuniorHigh: kokuji,
  koutougakkouKihongaku: kokuji,
  koutougakkouOtherItems: kokuji,
  municipalities: kokuji,
  jutakuLimits: jutakuLimit,
  jutakuSpecialAllowance: jutakuLimit,
  jutakuFloorAreaReduction: jutakuLimit,
  kisoKojo: jisshiYoryo,
  shinkiShuroKojo: jisshiYoryo,
  under20Kojo: jisshiYoryo,
  rinjiShunyu: jisshiYoryo,
  employmentIndependenceCaps: act55of4,
  employmentIndependenceMinimum: act55of4,
  employmentIndependenceRate: act55of4,
  advancementPreparationBenefit: act55of5,
};

const byLabel = new Map((Object.keys(instrumentOf) as (keyof typeof standardTables)[]).map((key) => [standardTables[key].label, instrumentOf[key]] as const));
const byId = new Map((Object.keys(instrumentOf) as (keyof typeof standardTables)[]).map((key) => [standardTables[key].id, instrumentOf[key]] as const));

/** How well the figures are supported, in words; nothing when they are confirmed. */
const confirmationNotes: Record<string, string> = {
  verified: '',
  singleSource: '（金額は要確認: 確かめられた資料が1つだけです）',
  conflicting: '（金額は要確認: 資料によって金額が異なります）',
  // The engine's own words for the statuses, as they appear in a basis (shared/calc/tables/provenance.ts).
  複数出典一致: '',
  '単一出典・要確認': '（金額は要確認: 確かめられた資料が1つだけです）',
  '出典間に相違・要確認': '（金額は要確認: 資料によって金額が異なります）',
};

/** A table of the calculation as the 使用した基準表 list shows it. */
export function tableCitation(table: { id: string; label: string; from: string; status: SourceStatus }): string {
  const instrument = byId.get(table.id) ?? byLabel.get(table.label);
  return `${table.label}: ${instrument ? `${instrument.full}、` : ''}${formatWareki(table.from)}から適用${confirmationNotes[table.status] ?? ''}`;
}

// ［<label> <from>〜<to> 出典<ids>／<status>］, as shared/calc/tables/provenance.ts writes it into every basis.
const provenanceMark = /［(.+?) (\d{4}-\d{2}-\d{2})〜(?:\d{4}-\d{2}-\d{2})? 出典[^／］]*／([^］]+)］/gu;

// A figure's transcription sources named inline, e.g. 「37,000円（S1・S2）」: the citation at the end says where it is set.
const sourceCodes = /（S\d+(?:・S\d+)*）/gu;

/** A line's basis with each table reference cited as a person reads it (the engine's text is left as it is). */
export function readableBasis(basis: string): string {
  return basis.replace(sourceCodes, '').replace(provenanceMark, (_, label: string, from: string, status: string) => {
    const instrument = byLabel.get(label);
    return `［${instrument ? `${instrument.short}「${label}」` : `「${label}」`} ${formatWareki(from)}から${confirmationNotes[status] ?? `（${status}）`}］`;
  });
}
