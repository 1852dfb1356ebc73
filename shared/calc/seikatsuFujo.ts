import { calendarMonthOf } from './dates.js';
import { describeMember, type Household } from './household.js';
import { line, yen, type CalcLine } from './lines.js';
import { amountForSize, kyuchiColumn, kyuchiList } from './tables/dimensions.js';
import type { StandardTables } from './tables/index.js';
import { keikaSizeOf } from './tables/keikaKasan.js';
import { inForce, isUnverified, provenance } from './tables/provenance.js';

/**
 * 生活扶助 基準生活費（居宅）by the method in force since 令和5年10月 (benefit-rules.md §1.1):
 * A = ceil10(floor(Σ第1類 × 逓減率)), B = 第2類[n], C = Σ経過的加算[n][age][級地], D = 特例加算 × n.
 */

const sizeNote = (n: number) => (n >= 10 ? `${n}人（10人以上の規定）` : `${n}人`);

/** A: 1円未満切捨て then 10円未満切上げ on Σ第1類 × 逓減率 only (S2's rounding, which reproduces all 54 model values). */
function rui1Line(h: Household, tables: StandardTables): CalcLine {
  const table = inForce(tables.rui1, h.date);
  const rate = inForce(tables.teigenRitsu, h.date);
  const parts = h.members.map((m) => ({ m, amount: kyuchiColumn(table.values[m.ageBand], h.kyuchi) }));
  const sum = parts.reduce((s, p) => s + p.amount, 0);
  const percent = h.size >= 10 ? rate.values.percentTenOrMore : rate.values.percentBySize[h.size - 1]!;
  const product = sum * percent; // hundredths of a yen, exact
  const floored = Math.floor(product / 100);
  const amount = Math.ceil(floored / 10) * 10;
  const exact =
    product % 100 === 0
      ? yen(product / 100)
      : `${yen(Math.floor(product / 100)).slice(0, -1)}.${String(product % 100)
          .padStart(2, '0')
          .replace(/0$/, '')}円`;
  const basis =
    `第1類（${h.kyuchi}）: ${parts.map((p) => `${describeMember(p.m)} ${p.m.ageBand}歳の欄 ${yen(p.amount)}`).join(' ＋ ')} ＝ ${yen(sum)}` +
    ` × 逓減率${(percent / 100).toFixed(2)}（${sizeNote(h.size)}）＝ ${exact} → 1円未満切捨て ${yen(floored)} → 10円未満切上げ ${yen(amount)}` +
    provenance(tables.rui1, table) +
    provenance(tables.teigenRitsu, rate);
  return line('rui1', '第1類', amount, basis, isUnverified(table.status) || isUnverified(rate.status));
}

function rui2Line(h: Household, tables: StandardTables): CalcLine {
  const table = inForce(tables.rui2, h.date);
  const amount = amountForSize(table.values, h.size);
  const how = h.size >= 10 ? `9人の額 ${yen(table.values.bySize[8])} ＋ ${h.size - 9}人 × ${yen(table.values.perPersonOver9)}` : `${h.size}人の欄`;
  return line('rui2', '第2類', amount, `第2類（全級地共通）: ${how} ＝ ${yen(amount)}${provenance(tables.rui2, table)}`, isUnverified(table.status));
}

function keikaKasanLine(h: Household, tables: StandardTables): CalcLine {
  const table = inForce(tables.keikaKasan, h.date);
  const sizeKey = keikaSizeOf(h.size);
  const rows = table.values[sizeKey];
  const parts = h.members.map((m) => ({ m, cell: rows ? (rows.cells[m.ageBand][kyuchiList.indexOf(h.kyuchi)] ?? null) : null }));
  const unknown = parts.filter((p) => p.cell === null);
  const amount = parts.reduce((s, p) => s + (p.cell ?? 0), 0);
  const describe = parts.map((p) => `${describeMember(p.m)} ${p.m.ageBand}歳の欄 ${p.cell === null ? '不明' : yen(p.cell)}`).join(' ＋ ');
  const derived = rows?.derivation ? `（${sizeKey}人の表は${rows.derivation}）` : '';
  const missing = unknown.length > 0 ? `。不明の欄は計上していない（要確認）` : '';
  const basis = `経過的加算（${sizeNote(h.size)}・${h.kyuchi}・1人ごと）: ${describe} ＝ ${yen(amount)}${derived}${missing}${provenance(tables.keikaKasan, table)}`;
  return line('keikaKasan', '経過的加算', amount, basis, isUnverified(table.status) || Boolean(rows?.derivation) || unknown.length > 0);
}

function tokureiKasanLine(h: Household, tables: StandardTables): CalcLine {
  const table = inForce(tables.tokureiKasan, h.date);
  const amount = table.values.kyotaku * h.size;
  const basis = `特例加算（居宅）: ${yen(table.values.kyotaku)} × ${h.size}人 ＝ ${yen(amount)}${provenance(tables.tokureiKasan, table)}`;
  return line('tokureiKasan', '特例加算', amount, basis, isUnverified(table.status));
}

export function seikatsuFujoHontaiLines(h: Household, tables: StandardTables): CalcLine[] {
  return [rui1Line(h, tables), rui2Line(h, tables), keikaKasanLine(h, tables), tokureiKasanLine(h, tables)];
}

/** 冬季加算 in the 地区's winter months only. */
export function tokiKasanLines(h: Household, tables: StandardTables): CalcLine[] {
  const table = inForce(tables.tokiKasan, h.date);
  const row = table.values[h.tokiChiku];
  const calendarMonth = calendarMonthOf(h.month);
  if (!row.months.includes(calendarMonth)) return [];
  const amount = amountForSize(row, h.size);
  const how = h.size >= 10 ? `9人の額 ${yen(row.bySize[8])} ＋ ${h.size - 9}人 × ${yen(row.perPersonOver9)}` : `${h.size}人の欄`;
  const basis = `冬季加算（${h.tokiChiku}区・${calendarMonth}月は支給月 ${row.months[0]}月〜${row.months.at(-1)}月）: ${how} ＝ ${yen(amount)}${provenance(tables.tokiKasan, table, row.status)}`;
  return [line('tokiKasan', '冬季加算', amount, basis, isUnverified(row.status))];
}

/** 期末一時扶助 in December only. */
export function kimatsuIchijiFujoLines(h: Household, tables: StandardTables): CalcLine[] {
  if (calendarMonthOf(h.month) !== 12) return [];
  const table = inForce(tables.kimatsuIchijiFujo, h.date);
  const row = table.values.byKyuchi[h.kyuchi];
  const amount = amountForSize(row, h.size);
  const verified = table.values.verifiedCells.some((c) => c.kyuchi === h.kyuchi && c.size === h.size);
  const status = verified ? 'verified' : table.status;
  const how = h.size >= 10 ? `9人の額 ${yen(row.bySize[8])} ＋ ${h.size - 9}人 × ${yen(row.perPersonOver9)}` : `${h.size}人の欄`;
  const basis = `期末一時扶助（12月・${h.kyuchi}）: ${how} ＝ ${yen(amount)}${provenance(tables.kimatsuIchijiFujo, table, status)}`;
  return [line('kimatsuIchijiFujo', '期末一時扶助', amount, basis, isUnverified(status))];
}
