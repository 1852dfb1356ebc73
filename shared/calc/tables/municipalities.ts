import type { Kyuchi, KyuchiGroup } from './dimensions.js';
import type { DatedTable } from './provenance.js';

/**
 * 級地 of all 63 埼玉県 municipalities (MHLW 級地表 as of 2018-10-01; S1, S2 and S3 agree on every one). The 住宅扶助
 * limit area follows the 級地 group unless the city has its own row in `jutakuLimits`.
 */
export type MunicipalityEntry = { prefecture: string; kyuchi: Kyuchi; jutakuKyuchi: KyuchiGroup };

export const defaultMunicipality = '加須市';

const saitama = (rows: readonly (readonly [string, Kyuchi])[]): Readonly<Record<string, MunicipalityEntry>> =>
  Object.fromEntries(rows.map(([name, kyuchi]) => [name, { prefecture: '埼玉県', kyuchi, jutakuKyuchi: kyuchi.slice(0, 3) as KyuchiGroup }]));

export const municipalities: DatedTable<Readonly<Record<string, MunicipalityEntry>>> = {
  id: 'municipalities',
  label: '級地区分（埼玉県の市町村）',
  file: 'kyuchi-saitama.csv',
  periods: [
    {
      from: '2018-10-01',
      to: null,
      status: 'verified',
      sources: ['S1', 'S2', 'S3'],
      note: 'MHLW 級地表（kyuchi.3010.pdf）。合併前の旧町（旧騎西町・旧北川辺町・旧大利根町）に別の級地があるかは未確認。',
      values: saitama([
        ['さいたま市', '1級地-1'],
        ['川口市', '1級地-1'],
        ['和光市', '1級地-2'],
        ['戸田市', '1級地-2'],
        ['所沢市', '1級地-2'],
        ['新座市', '1級地-2'],
        ['朝霞市', '1級地-2'],
        ['蕨市', '1級地-2'],
        ['ふじみ野市', '2級地-1'],
        ['三芳町', '2級地-1'],
        ['三郷市', '2級地-1'],
        ['上尾市', '2級地-1'],
        ['入間市', '2級地-1'],
        ['八潮市', '2級地-1'],
        ['富士見市', '2級地-1'],
        ['川越市', '2級地-1'],
        ['志木市', '2級地-1'],
        ['春日部市', '2級地-1'],
        ['桶川市', '2級地-1'],
        ['熊谷市', '2級地-1'],
        ['狭山市', '2級地-1'],
        ['草加市', '2級地-1'],
        ['越谷市', '2級地-1'],
        ['久喜市', '3級地-1'],
        ['伊奈町', '3級地-1'],
        ['加須市', '3級地-1'],
        ['北本市', '3級地-1'],
        ['吉川市', '3級地-1'],
        ['坂戸市', '3級地-1'],
        ['宮代町', '3級地-1'],
        ['小川町', '3級地-1'],
        ['嵐山町', '3級地-1'],
        ['幸手市', '3級地-1'],
        ['日高市', '3級地-1'],
        ['本庄市', '3級地-1'],
        ['杉戸町', '3級地-1'],
        ['東松山市', '3級地-1'],
        ['松伏町', '3級地-1'],
        ['毛呂山町', '3級地-1'],
        ['深谷市', '3級地-1'],
        ['白岡市', '3級地-1'],
        ['秩父市', '3級地-1'],
        ['羽生市', '3級地-1'],
        ['蓮田市', '3級地-1'],
        ['行田市', '3級地-1'],
        ['越生町', '3級地-1'],
        ['飯能市', '3級地-1'],
        ['鳩山町', '3級地-1'],
        ['鴻巣市', '3級地-1'],
        ['鶴ヶ島市', '3級地-1'],
        ['ときがわ町', '3級地-2'],
        ['上里町', '3級地-2'],
        ['吉見町', '3級地-2'],
        ['寄居町', '3級地-2'],
        ['小鹿野町', '3級地-2'],
        ['川島町', '3級地-2'],
        ['東秩父村', '3級地-2'],
        ['横瀬町', '3級地-2'],
        ['滑川町', '3級地-2'],
        ['皆野町', '3級地-2'],
        ['神川町', '3級地-2'],
        ['美里町', '3級地-2'],
        ['長瀞町', '3級地-2'],
      ]),
    },
  ],
};
