/**
 * MHLW 資料4 p.3 model households as transcribed in standards-data/model-households-r8.json (36 of 54 values):
 * expected[0] = 2025-10 → 2026-09 (特例 1,500), expected[1] = from 2026-10 (特例 2,500). 生活扶助本体 only.
 */
export const bandAge: Record<string, number> = { '3-5': 4, '6-11': 8, '12-17': 14, '20-40': 35, '41-59': 45, '65-69': 65, '75-': 75 };
export const modelHouseholds: { name: string; ageBands: string[]; expected: Record<'1級地-1' | '3級地-2', [number, number]> }[] = [
  { name: '夫婦子1人（30代夫婦・子3〜5歳）', ageBands: ['20-40', '20-40', '3-5'], expected: { '1級地-1': [153400, 156060], '3級地-2': [135410, 138410] } },
  {
    name: '夫婦子2人（40代夫婦・中学生・小学生）',
    ageBands: ['41-59', '41-59', '12-17', '6-11'],
    expected: { '1級地-1': [181760, 184760], '3級地-2': [158760, 162760] },
  },
  { name: '高齢夫婦（65歳）', ageBands: ['65-69', '65-69'], expected: { '1級地-1': [121900, 123900], '3級地-2': [108160, 110160] } },
  { name: '高齢単身（65歳）', ageBands: ['65-69'], expected: { '1級地-1': [76880, 76880], '3級地-2': [67850, 68850] } },
  { name: '高齢夫婦（75歳）', ageBands: ['75-', '75-'], expected: { '1級地-1': [112390, 112470], '3級地-2': [98680, 100680] } },
  { name: '高齢単身（75歳）', ageBands: ['75-'], expected: { '1級地-1': [71900, 71900], '3級地-2': [62400, 63400] } },
  { name: '母子（30代親・小学生）', ageBands: ['20-40', '6-11'], expected: { '1級地-1': [122700, 124310], '3級地-2': [108500, 110500] } },
  { name: '母子（40代親・中学生・小学生）', ageBands: ['41-59', '12-17', '6-11'], expected: { '1級地-1': [156260, 159230], '3級地-2': [138040, 141040] } },
  { name: '若年単身（50代）', ageBands: ['41-59'], expected: { '1級地-1': [77240, 77240], '3級地-2': [68240, 69240] } },
];

/** One case per household, 級地 and period: the month assessed, the members' ages and the expected 生活扶助本体. */
export const modelHouseholdCases = modelHouseholds.flatMap((h) =>
  (['1級地-1', '3級地-2'] as const).flatMap((kyuchi) =>
    (['2026-09', '2026-10'] as const).map((month, period) => ({
      name: h.name,
      kyuchi,
      month,
      ages: h.ageBands.map((b) => bandAge[b]!),
      expected: h.expected[kyuchi][period],
    })),
  ),
);
