import { firstMarch31AfterReaching } from './dates.js';
import { line, yen, type CalcLine } from './lines.js';
import { standardTables, type StandardTables } from './tables/index.js';
import { inForce, isUnverified, provenance } from './tables/provenance.js';

/**
 * 進学・就職準備給付金 (生活保護法 第55条の5; benefit-rules.md §8): 10万円 from home, 30万円 when moving, for a
 * recipient up to the first 31 March after reaching 18 (or an 省令 extension) who will certainly enter a 特定教育訓練施設
 * or — for jobs from 2024-01-01 — take up stable employment.
 */
export type AdvancementPreparationInput = {
  birthDate: string;
  /** 申請日 (apply before enrolling or starting work). */
  applicationDate: string;
  path: { kind: 'education'; certainEnrolment: boolean } | { kind: 'employment'; stableEmployment: boolean; employmentStartDate: string };
  movingOut: boolean;
  /** 3月31日を経過したが省令で定める者に該当. */
  ordinanceExtension: boolean;
};

export type AdvancementPreparationResult = { eligible: boolean; amount: number; reasons: string[]; lines: CalcLine[] };

export function advancementPreparationBenefit(input: AdvancementPreparationInput, tables: StandardTables = standardTables): AdvancementPreparationResult {
  const table = inForce(tables.advancementPreparationBenefit, input.applicationDate);
  const { atHome, moving, employmentCoveredFrom } = table.values;
  const deadline = firstMarch31AfterReaching(input.birthDate, 18);
  const reasons: string[] = [];
  if (input.applicationDate > deadline && !input.ordinanceExtension)
    reasons.push(`18歳到達後最初の3月31日（${deadline}）を過ぎており、省令で定める者にも該当しない`);
  if (input.path.kind === 'education' && !input.path.certainEnrolment) reasons.push('大学・短大・専修学校専門課程等への確実な進学が見込まれない');
  if (input.path.kind === 'employment') {
    if (!input.path.stableEmployment) reasons.push('安定した職業に就くことが見込まれない');
    if (input.path.employmentStartDate < employmentCoveredFrom) reasons.push(`就職は${employmentCoveredFrom}以後のものに限る（令和6年改正）`);
  }
  const eligible = reasons.length === 0;
  const amount = eligible ? (input.movingOut ? moving : atHome) : 0;
  const basis =
    `進学・就職準備給付金（${input.path.kind === 'education' ? '進学' : '就職'}・${input.movingOut ? '転居' : '自宅から'}）: ` +
    (eligible ? `${yen(amount)}（18歳到達後最初の3月31日 ${deadline}）` : `支給要件を満たさない: ${reasons.join('／')}`) +
    provenance(tables.advancementPreparationBenefit, table);
  return { eligible, amount, reasons, lines: [line('advancementPreparationBenefit', '進学・就職準備給付金', amount, basis, isUnverified(table.status))] };
}
