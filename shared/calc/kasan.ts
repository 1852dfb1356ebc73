import { firstMarch31AfterReaching } from './dates.js';
import { describeMember, type Household, type MemberFacts } from './household.js';
import { line, yen, type CalcLine } from './lines.js';
import { bandOf, kyuchiColumn, kyuchiGroupOf } from './tables/dimensions.js';
import type { StandardTables } from './tables/index.js';
import { boshiKeikaAgeBands } from './tables/kasan.js';
import { inForce, isUnverified, provenance } from './tables/provenance.js';

/** 各種加算 (benefit-rules.md §3). Where a figure is missing for the 級地, the line says so with 0円 instead of guessing. */

function disabilityLines(h: Household, tables: StandardTables): (CalcLine & { memberId: string })[] {
  const table = inForce(tables.shogaishaKasan, h.date);
  const group = kyuchiGroupOf(h.kyuchi);
  const status = table.values.groupStatus[group];
  const conflict = table.values.conflictingFigures;
  return h.members.flatMap((m) => {
    if (m.disability === null) return [];
    const amount = table.values.byClass[m.disability][group];
    const other = conflict ? `。${conflict.source}は ${yen(conflict.byClass[m.disability][group])} としており出典間で相違` : '';
    const basis = `障害者加算（居宅・${m.disability === 'A' ? '身障1・2級／障害年金1級相当' : '身障3級／障害年金2級相当'}・${group}）: ${describeMember(m)} ${yen(amount)}${other}${provenance(tables.shogaishaKasan, table, status)}`;
    return [{ ...line(`kasan.disability.${m.id}`, '障害者加算', amount, basis, isUnverified(status)), memberId: m.id }];
  });
}

const children = (h: Household): MemberFacts[] => h.members.filter((m) => m.isChild).sort((a, b) => a.birthDate.localeCompare(b.birthDate));

function singleParentLine(h: Household, tables: StandardTables): CalcLine | null {
  const kids = children(h);
  if (!h.singleParent || kids.length === 0) return null;
  const table = inForce(tables.boshiKasan, h.date);
  const group = kyuchiGroupOf(h.kyuchi);
  const v = table.values[group];
  const amount = kids.length === 1 ? v.child1 : v.child2 + (kids.length - 2) * v.perChildFrom3rd;
  const how = kids.length <= 2 ? `児童${kids.length}人の額` : `児童2人の額 ${yen(v.child2)} ＋ 第3子以降 ${kids.length - 2}人 × ${yen(v.perChildFrom3rd)}`;
  const basis = `母子加算（ひとり親世帯・${group}）: 児童（18歳到達後最初の3月31日まで）${kids.map(describeMember).join('・')} → ${how} ＝ ${yen(amount)}${provenance(tables.boshiKasan, table)}`;
  return line('kasan.singleParent', '母子加算', amount, basis, isUnverified(table.status));
}

/**
 * 母子加算 and a parent's 障害者加算 are not both paid: S1 keeps only the higher (its interpretation, ✅ single;
 * the 告示 was not read), so the kept line is marked 要確認.
 */
function applyOverlapRule(singleParent: CalcLine | null, disability: (CalcLine & { memberId: string })[], h: Household): CalcLine[] {
  const plain = disability.map(({ memberId: _, ...l }) => l);
  if (singleParent === null) return plain;
  const parentIds = new Set(h.members.filter((m) => !m.isChild).map((m) => m.id));
  const parentLine = disability.filter((l) => parentIds.has(l.memberId)).sort((a, b) => b.amount - a.amount)[0];
  if (!parentLine) return [singleParent, ...plain];
  const note = '（母子加算と親の障害者加算は高い方のみ計上: S1の解釈・要確認）';
  const zeroed = (l: CalcLine, higher: CalcLine) => ({
    ...l,
    amount: 0,
    basis: `${l.basis}。${higher.label} ${yen(higher.amount)} の方が高いため計上しない${note}`,
    needsConfirmation: true,
  });
  if (parentLine.amount >= singleParent.amount) {
    return [zeroed(singleParent, parentLine), ...plain.map((l) => (l.code === parentLine.code ? { ...l, basis: l.basis + note, needsConfirmation: true } : l))];
  }
  return [
    { ...singleParent, basis: singleParent.basis + note, needsConfirmation: true },
    ...plain.map((l) => (l.code === parentLine.code ? zeroed(l, singleParent) : l)),
  ];
}

function childRearingLines(h: Household, tables: StandardTables): CalcLine[] {
  const kids = children(h);
  if (kids.length === 0) return [];
  const table = inForce(tables.jidoYoikuKasan, h.date);
  const amount = table.values.perChild * kids.length;
  const result = [
    line(
      'kasan.childRearing',
      '児童養育加算',
      amount,
      `児童養育加算: 18歳到達後最初の3月31日までの児童 ${kids.map(describeMember).join('・')} ${kids.length}人 × ${yen(table.values.perChild)} ＝ ${yen(amount)}${provenance(tables.jidoYoikuKasan, table)}`,
      isUnverified(table.status),
    ),
  ];
  // 経過的加算: under-3s in a household of 4 or more, and third-or-later children from 3 to the end of 小学校.
  const keika = inForce(tables.jidoYoikuKeikaKasan, h.date);
  const under3 = h.size >= 4 ? kids.filter((k) => k.age < 3) : [];
  const thirdOrLater = kids.slice(2).filter((k) => k.age >= 3 && h.date <= firstMarch31AfterReaching(k.birthDate, 12));
  const eligible = [...under3, ...thirdOrLater];
  const hospitalNote = h.size <= 3 && kids.some((k) => k.age < 3) ? '。3人以下世帯の3歳未満児は入院等の場合のみ対象（入力項目なし・要確認）' : '';
  if (eligible.length > 0 || hospitalNote) {
    const keikaAmount = keika.values.perChild * eligible.length;
    const who = [
      under3.length ? `4人以上世帯の3歳未満児 ${under3.map(describeMember).join('・')}` : '',
      thirdOrLater.length ? `第3子以降の3歳〜小学校修了前 ${thirdOrLater.map(describeMember).join('・')}` : '',
    ].filter(Boolean);
    const basis = `児童養育加算に係る経過的加算: ${who.join('、') || '該当なし'} ${eligible.length}人 × ${yen(keika.values.perChild)} ＝ ${yen(keikaAmount)}${hospitalNote}${provenance(tables.jidoYoikuKeikaKasan, keika)}`;
    result.push(line('kasan.childRearingKeika', '児童養育加算に係る経過的加算', keikaAmount, basis, true));
  }
  return result;
}

/** 母子世帯等に係る経過的加算: a ひとり親 household of 3 or more with exactly one child. */
function singleParentKeikaLine(h: Household, tables: StandardTables): CalcLine | null {
  const kids = children(h);
  const child = kids[0];
  if (!h.singleParent || h.size < 3 || kids.length !== 1 || !child) return null;
  const table = inForce(tables.boshiSetaiKeikaKasan, h.date);
  const band = bandOf(boshiKeikaAgeBands, child.age);
  const sizeKey = h.size >= 5 ? '5+' : h.size === 4 ? '4' : '3';
  const amount = kyuchiColumn(table.values[sizeKey][band], h.kyuchi);
  const basis = `母子世帯等に係る経過的加算（${sizeKey}人・子1人・${h.kyuchi}）: 児童 ${describeMember(child)} ${band}歳の欄 ${yen(amount)}（令和3年の表・現行額未確認）${provenance(tables.boshiSetaiKeikaKasan, table)}`;
  return line('kasan.singleParentKeika', '母子世帯等に係る経過的加算', amount, basis, true);
}

const missingFigure = (what: string, group: string): string => `${what}: ${group}の額は未取得のため計上しない（要確認）`;

function memberLines(h: Household, tables: StandardTables): CalcLine[] {
  const group = kyuchiGroupOf(h.kyuchi);
  const out: CalcLine[] = [];
  for (const m of h.members) {
    if (m.pregnancy) {
      const table = inForce(tables.ninsanpuKasan, h.date);
      const figures = table.values[group];
      const kind =
        'months' in m.pregnancy
          ? m.pregnancy.months < 6
            ? ({ key: 'pregnantUnder6Months', label: `妊娠${m.pregnancy.months}か月（6か月未満）` } as const)
            : ({ key: 'pregnant6MonthsOrMore', label: `妊娠${m.pregnancy.months}か月（6か月以上）` } as const)
          : m.pregnancy.postpartumMonths <= 6
            ? ({ key: 'postpartum', label: `産後${m.pregnancy.postpartumMonths}か月（6か月以内）` } as const)
            : null;
      if (kind) {
        const amount = figures ? figures[kind.key] : 0;
        const how = figures ? `${kind.label} ${yen(amount)}` : missingFigure(kind.label, group);
        out.push(
          line(`kasan.maternity.${m.id}`, '妊産婦加算', amount, `妊産婦加算: ${describeMember(m)} ${how}${provenance(tables.ninsanpuKasan, table)}`, true),
        );
      }
    }
    if (m.careInsurancePremium > 0) {
      const table = inForce(tables.kaigoHokenryoKasan, h.date);
      const basis = `介護保険料加算: ${describeMember(m)} ${table.values.rule} ${yen(m.careInsurancePremium)}${provenance(tables.kaigoHokenryoKasan, table)}`;
      out.push(line(`kasan.careInsurancePremium.${m.id}`, '介護保険料加算', m.careInsurancePremium, basis, isUnverified(table.status)));
    }
    if (m.homePatient) {
      const table = inForce(tables.zaitakuKanjaKasan, h.date);
      const figure = table.values[group];
      const how = figure === null ? missingFigure('在宅患者', group) : `${group} ${yen(figure)}`;
      out.push(
        line(
          `kasan.homePatient.${m.id}`,
          '在宅患者加算',
          figure ?? 0,
          `在宅患者加算: ${describeMember(m)} ${how}${provenance(tables.zaitakuKanjaKasan, table)}`,
          true,
        ),
      );
    }
    if (m.radiation) {
      const table = inForce(tables.hoshasenKasan, h.date);
      const amount = table.values[m.radiation];
      const how = m.radiation === 'current' ? '現に罹患' : '治癒（元罹患者）';
      out.push(
        line(
          `kasan.radiation.${m.id}`,
          '放射線障害者加算',
          amount,
          `放射線障害者加算: ${describeMember(m)} ${how} ${yen(amount)}${provenance(tables.hoshasenKasan, table)}`,
          isUnverified(table.status),
        ),
      );
    }
    if (m.careFacility) {
      const table = inForce(tables.kaigoShisetsuKasan, h.date);
      const amount = table.values.amount;
      out.push(
        line(
          `kasan.careFacility.${m.id}`,
          '介護施設入所者加算',
          amount,
          `介護施設入所者加算: ${describeMember(m)} ${yen(amount)}${provenance(tables.kaigoShisetsuKasan, table)}`,
          isUnverified(table.status),
        ),
      );
    }
  }
  return out;
}

export function kasanLines(h: Household, tables: StandardTables): CalcLine[] {
  const overlapped = applyOverlapRule(singleParentLine(h, tables), disabilityLines(h, tables), h);
  const keika = singleParentKeikaLine(h, tables);
  return [...overlapped, ...(keika ? [keika] : []), ...childRearingLines(h, tables), ...memberLines(h, tables)];
}
