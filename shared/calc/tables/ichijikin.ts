import type { DatedTable } from './provenance.js';

/** 就労自立給付金 and 進学・就職準備給付金 (benefit-rules.md §7–8, ichijikin.json). */

export const employmentIndependenceCaps: DatedTable<{ single: number; multiPerson: number }> = {
  id: 'employmentIndependenceCaps',
  label: '就労自立給付金 上限額',
  file: 'ichijikin.json',
  periods: [
    {
      from: '2014-07-01',
      to: null,
      status: 'verified',
      sources: ['S15'],
      note: '二次資料2件（平成26年7月1日施行通知の引用・joseikin-insight）が一致。単身10万円・複数世帯15万円。',
      values: { single: 100000, multiPerson: 150000 },
    },
  ],
};

export const employmentIndependenceMinimum: DatedTable<{ single: number; multiPerson: number }> = {
  id: 'employmentIndependenceMinimum',
  label: '就労自立給付金 最低額',
  file: 'ichijikin.json',
  periods: [
    {
      from: '2024-10-01',
      to: null,
      status: 'singleSource',
      sources: ['S15'],
      note: 'joseikin-insight のみ（2024-10-01から単身2万円・複数3万円）。未検証。',
      values: { single: 20000, multiPerson: 30000 },
    },
  ],
};

/**
 * 算定率 in percent. The formula, the months counted and the rate were not found in any source (§7 ❌); 30% is the
 * commonly cited figure. It is kept as a dated parameter so that the 局長通知's figure can replace it in one place.
 */
export const employmentIndependenceRate: DatedTable<{ percent: number; monthsCounted: number }> = {
  id: 'employmentIndependenceRate',
  label: '就労自立給付金 算定率',
  file: 'ichijikin.json',
  periods: [
    {
      from: '2014-07-01',
      to: null,
      status: 'singleSource',
      sources: ['S15'],
      note: '算定式・算定対象期間・算定率はいずれの出典でも未確認（「廃止前6か月×約30%」は通説）。局長通知（平成26年制定・平成30年・令和6年改正）で確認するまで要確認。',
      values: { percent: 30, monthsCounted: 6 },
    },
  ],
};

export const advancementPreparationBenefit: DatedTable<{ atHome: number; moving: number; employmentCoveredFrom: string }> = {
  id: 'advancementPreparationBenefit',
  label: '進学・就職準備給付金',
  file: 'ichijikin.json',
  periods: [
    {
      from: '2018-06-08',
      to: null,
      status: 'verified',
      sources: ['S14'],
      note: '生活保護法第55条の5。自宅から通学・通勤10万円、転居30万円（網走市HPほか4件一致）。令和6年改正で就職者を追加し2024-01-01以後の就職に遡及適用。',
      values: { atHome: 100000, moving: 300000, employmentCoveredFrom: '2024-01-01' },
    },
  ],
};
