import { describeMember, type Household } from './household.js';
import { line, yen, type CalcLine } from './lines.js';
import type { StandardTables } from './tables/index.js';
import { inForce, isUnverified, provenance } from './tables/provenance.js';

/**
 * 教育扶助 基準額 (小・中) and 高等学校等就学費 基本額 (生業扶助), per pupil (benefit-rules.md §5). Items paid at cost
 * (教材代, 給食費, 学習支援費, 通学交通費 …) need receipts and are not part of this monthly figure.
 */
export type EducationLines = { kyoikuFujo: CalcLine[]; koutougakkouShugakuhi: CalcLine[] };

export function educationLines(h: Household, tables: StandardTables): EducationLines {
  const result: EducationLines = { kyoikuFujo: [], koutougakkouShugakuhi: [] };
  for (const m of h.members) {
    if (m.school === 'elementary' || m.school === 'juniorHigh') {
      const table = m.school === 'elementary' ? tables.kyoikuFujoElementary : tables.kyoikuFujoJuniorHigh;
      const period = inForce(table, h.date);
      const basis = `${table.label}: ${describeMember(m)} ${yen(period.values.amount)}（教材代・給食費・学習支援費等の実費は別途）${provenance(table, period)}`;
      result.kyoikuFujo.push(line(`kyoikuFujo.${m.id}`, '教育扶助', period.values.amount, basis, isUnverified(period.status)));
    } else if (m.school === 'highSchool') {
      const period = inForce(tables.koutougakkouKihongaku, h.date);
      const other = inForce(tables.koutougakkouOtherItems, h.date).values;
      const basis =
        `高等学校等就学費 基本額: ${describeMember(m)} ${yen(period.values.amount)}（学級費等 月${yen(other.gakkyuhiMonthlyMax)}以内・教材代・通学交通費・授業料相当額等は実費で別途）` +
        provenance(tables.koutougakkouKihongaku, period);
      result.koutougakkouShugakuhi.push(line(`koutougakkouShugakuhi.${m.id}`, '高等学校等就学費', period.values.amount, basis, isUnverified(period.status)));
    }
  }
  return result;
}
