import { addMonths } from './dates.js';
import { describeMember, type Household, type MemberFacts } from './household.js';
import type { CalcIncomeInput } from './input.js';
import { line, yen, type CalcLine } from './lines.js';
import type { StandardTables } from './tables/index.js';
import { FULL, type KisoKojoValues } from './tables/kinroKojo.js';
import { inForce, isUnverified, provenance } from './tables/provenance.js';

/**
 * 収入認定 (benefit-rules.md §6): earned income less 基礎控除 (looked up on the gross), 新規就労控除, 20歳未満控除 and
 * 実費; 年金・手当・仕送り in full; 臨時的収入 only above the household's 8,000円 a month.
 */

/** 基礎控除 for a gross monthly earned income; `first` = the household's 1人目 earner. */
export function kisoKojoAmount(gross: number, first: boolean, table: KisoKojoValues): { amount: number; row: string } {
  const column = first ? 2 : 3;
  const row = table.rows.find((r) => r[0] <= gross && gross <= r[1]);
  if (row) {
    const cell = row[column]!;
    return cell === FULL
      ? { amount: gross, row: `${yen(row[0])}〜${yen(row[1])}の欄（全額控除）` }
      : { amount: cell, row: `${yen(row[0])}〜${yen(row[1])}の欄` };
  }
  // Above the table: every further 4,000円 (or part of it) adds 400円 (1人目) / 340円 (2人目以降).
  const last = table.rows.at(-1)!;
  const { from, step, add1st, add2ndAndLater } = table.overTable;
  const steps = Math.floor((gross - from) / step) + 1;
  const base = last[column] as number;
  const amount = base + steps * (first ? add1st : add2ndAndLater);
  return { amount, row: `表の上限超: 最終欄 ${yen(base)} ＋ ${steps} × ${yen(first ? add1st : add2ndAndLater)}（${yen(from)}以上${yen(step)}ごと）` };
}

type Earner = { member: MemberFacts; gross: number; expenses: number; newEmployment: boolean; employmentStartMonth: string | null };

function earnersOf(h: Household, incomes: readonly CalcIncomeInput[]): Earner[] {
  const byMember = new Map<string, Earner>();
  for (const income of incomes) {
    if (income.type !== 'earned') continue;
    const member = h.members.find((m) => m.id === income.memberId)!;
    const e = byMember.get(member.id) ?? { member, gross: 0, expenses: 0, newEmployment: false, employmentStartMonth: null };
    e.gross += income.gross;
    e.expenses += income.expenses;
    e.newEmployment ||= income.newEmployment;
    e.employmentStartMonth ??= income.employmentStartMonth;
    byMember.set(member.id, e);
  }
  // Who is 1人目 is not in the rules found (§6.1 ❌); S1 takes the highest earner, and so do we.
  return [...byMember.values()].sort((a, b) => b.gross - a.gross);
}

function earnedLine(h: Household, e: Earner, first: boolean, multipleEarners: boolean, tables: StandardTables): CalcLine {
  const kisoTable = inForce(tables.kisoKojo, h.date);
  const kiso = kisoKojoAmount(e.gross, first, kisoTable.values);
  const steps = [
    `基礎控除（${first ? '1人目' : '2人目以降'}${multipleEarners ? '・最も収入の多い者を1人目とする（S1の扱い・要確認）' : ''}）${kiso.row} ${yen(kiso.amount)}${provenance(tables.kisoKojo, kisoTable)}`,
  ];
  let deductions = kiso.amount;
  let unverified = isUnverified(kisoTable.status) || multipleEarners;

  if (e.newEmployment) {
    const shinki = inForce(tables.shinkiShuroKojo, h.date);
    const { amount, months } = shinki.values;
    const lastMonth = e.employmentStartMonth ? addMonths(e.employmentStartMonth, months - 1) : null;
    if (lastMonth === null || h.month <= lastMonth) {
      deductions += amount;
      const period = lastMonth ? `就労開始 ${e.employmentStartMonth}〜${lastMonth}の${months}か月内` : `${months}か月の期間は入力側で管理（開始月未入力）`;
      steps.push(`新規就労控除 ${yen(amount)}（${period}）${provenance(tables.shinkiShuroKojo, shinki)}`);
      unverified ||= isUnverified(shinki.status);
    } else {
      steps.push(`新規就労控除なし（就労開始 ${e.employmentStartMonth} から${months}か月を経過）`);
    }
  }

  const under20 = inForce(tables.under20Kojo, h.date);
  if (e.member.age < under20.values.ageBelow && h.size > 1) {
    deductions += under20.values.amount;
    steps.push(
      `20歳未満控除 ${yen(under20.values.amount)}（配偶者又は自分の子とのみで独立した世帯を営む者は対象外: 入力項目なし）${provenance(tables.under20Kojo, under20)}`,
    );
    unverified = true;
  } else if (e.member.age < under20.values.ageBelow) {
    steps.push('20歳未満控除なし（単身者）');
  }

  if (e.expenses > 0) {
    deductions += e.expenses;
    steps.push(`実費控除（通勤費・社会保険料・税等）${yen(e.expenses)}`);
  }
  const amount = Math.max(0, e.gross - deductions);
  const basis = `就労収入: ${describeMember(e.member)} 総額 ${yen(e.gross)} − ${steps.join(' − ')} ＝ 収入認定額 ${yen(amount)}${amount === 0 ? '（0円未満は0円）' : ''}`;
  return line(`income.earned.${e.member.id}`, '就労収入（認定額）', amount, basis, unverified);
}

const fullIncomeLabels = { pension: '年金', other: '手当・仕送り等' } as const;

export function recognizeIncome(h: Household, incomes: readonly CalcIncomeInput[], tables: StandardTables): CalcLine[] {
  const earners = earnersOf(h, incomes);
  const lines = earners.map((e, i) => earnedLine(h, e, i === 0, earners.length > 1, tables));

  for (const type of ['pension', 'other'] as const) {
    for (const m of h.members) {
      const items = incomes.filter((inc) => inc.type === type && inc.memberId === m.id);
      if (items.length === 0) continue;
      const amount = items.reduce((s, inc) => s + (inc.type === type ? inc.amount : 0), 0);
      lines.push(
        line(
          `income.${type}.${m.id}`,
          `${fullIncomeLabels[type]}（認定額）`,
          amount,
          `${fullIncomeLabels[type]}: ${describeMember(m)} ${yen(amount)} を全額認定`,
          false,
        ),
      );
    }
  }

  const temporary = incomes.filter((inc) => inc.type === 'temporary');
  if (temporary.length > 0) {
    const table = inForce(tables.rinjiShunyu, h.date);
    const total = temporary.reduce((s, inc) => s + (inc.type === 'temporary' ? inc.amount : 0), 0);
    const threshold = table.values.householdMonthlyThreshold;
    const amount = Math.max(0, total - threshold);
    const basis = `臨時的収入: 世帯合計 ${yen(total)} − ${yen(threshold)} ＝ ${yen(amount)}（${yen(threshold)}以下は認定しない）${provenance(tables.rinjiShunyu, table)}`;
    lines.push(line('income.temporary', '臨時的収入（認定額）', amount, basis, isUnverified(table.status)));
  }
  return lines;
}
