import { useFieldArray, useWatch, type UseFormReturn } from 'react-hook-form';
import { inForceOrNull } from '../../../../shared/calc/tables/provenance';
import { kyuchiList, tokiChikuList } from '../../../../shared/calc/tables/dimensions';
import { standardTables } from '../../../../shared/calc/tables/index';
import { formatWarekiMonth } from '../../../../shared/format/wareki';
import { uuidv7 } from '../../../../shared/ids/uuidv7';
import { CheckField, SelectField } from '../../../ui/ChoiceField';
import { TextField } from '../../../ui/TextField';
import { DeclaredIncomesImport } from '../../income/DeclaredIncomesImport';
import { text } from '../wizard/formValues';
import type { StepDef, StepProps } from '../wizard/wizardTypes';
import { markedHint } from './caseForm';
import { emptyIncome, emptyMember, type MinimumCostForm } from './minimumCostForm';
import { DateField } from '../../../ui/DateField';

type Form = UseFormReturn<MinimumCostForm>;
type Props = StepProps<MinimumCostForm>;

const isMonth = (value: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

/**
 * Each field's hint led by its mark when the wizard was started for a case: 【ケースから】 while it holds the case's
 * value, 【変更】 once the caseworker changed it (caseForm.ts). Watches the whole form so the mark follows typing.
 */
function useMarks(form: Form) {
  const values = useWatch({ control: form.control }) as MinimumCostForm;
  return (field: string, hint?: string) => markedHint(values, field, hint);
}

/** The legend of a member's fieldset, the same on every step so the member is recognisable. */
const memberLegend = (form: Form, index: number) => `世帯員${index + 1}（${form.getValues(`members.${index}.name`) || '氏名未入力'}）`;

function HouseholdStep({ form }: Props) {
  const members = useFieldArray({ control: form.control, name: 'members' });
  const month = useWatch({ control: form.control, name: 'month' });
  const mark = useMarks(form);
  const removeMember = (index: number) => {
    const key = form.getValues(`members.${index}.key`);
    // An income of a member who is no longer in the household must not stay behind.
    form.setValue(
      'incomes',
      form.getValues('incomes').filter((income) => income.memberKey !== key),
    );
    members.remove(index);
  };
  return (
    <>
      <TextField label="基準月" name="month" form={form} hint={`YYYY-MM 形式（例: 2026-04）${isMonth(month) ? `。${formatWarekiMonth(month)}` : ''}`} />
      {members.fields.map((field, index) => (
        <fieldset key={field.id} className="member">
          <legend>世帯員{index + 1}</legend>
          <TextField label="氏名・呼称" name={`members.${index}.name`} form={form} hint={mark(`members.${index}.name`)} />
          <DateField label="生年月日" name={`members.${index}.birthDate`} form={form} hint={mark(`members.${index}.birthDate`)} />
          {members.fields.length > 1 && (
            <button type="button" className="secondary" onClick={() => removeMember(index)}>
              世帯員{index + 1}を削除
            </button>
          )}
        </fieldset>
      ))}
      <p>
        <button type="button" className="secondary" onClick={() => members.append(emptyMember(uuidv7(), `世帯員${members.fields.length + 1}`))}>
          世帯員を追加
        </button>
      </p>
      <fieldset>
        <legend>日割（月の途中の開始・変更・廃止のときのみ）</legend>
        <DateField label="日割の開始日" name="proRataFrom" form={form} hint="空欄は月初から" />
        <DateField label="日割の終了日" name="proRataTo" form={form} hint="空欄は月末まで" />
      </fieldset>
    </>
  );
}

const municipalityTable = standardTables.municipalities;

function RegionStep({ form }: Props) {
  const [month, municipality] = useWatch({ control: form.control, name: ['month', 'municipality'] });
  const period = inForceOrNull(municipalityTable, `${month}-01`) ?? municipalityTable.periods.at(-1)!;
  const entry = period.values[municipality];
  const mark = useMarks(form);
  return (
    <>
      <SelectField
        label="市町村"
        name="municipality"
        form={form}
        options={Object.keys(period.values).map((name) => ({ value: name, label: `${period.values[name]!.prefecture} ${name}` }))}
        hint={mark('municipality', entry ? `${entry.kyuchi}（住宅扶助は${entry.jutakuKyuchi}の限度額）` : undefined)}
      />
      <SelectField
        label="級地"
        name="kyuchi"
        form={form}
        options={[{ value: '', label: '市町村の級地による' }, ...kyuchiList.map((k) => ({ value: k, label: k }))]}
      />
      <SelectField
        label="冬季加算地区"
        name="tokiChiku"
        form={form}
        options={[{ value: '', label: '都道府県の地区による' }, ...tokiChikuList.map((k) => ({ value: k, label: `${k}区` }))]}
      />
    </>
  );
}

function KasanStep({ form }: Props) {
  const members = form.getValues('members');
  const pregnancy = useWatch({ control: form.control, name: 'members' });
  const mark = useMarks(form);
  return (
    <>
      <CheckField label="ひとり親世帯（母子加算の対象）" name="singleParent" form={form} hint={mark('singleParent')} />
      {members.map((member, index) => (
        <fieldset key={member.key} className="member">
          <legend>{memberLegend(form, index)}</legend>
          <SelectField
            label="障害者加算"
            name={`members.${index}.disability`}
            form={form}
            hint={mark(`members.${index}.disability`)}
            options={[
              { value: '', label: '該当なし' },
              { value: 'A', label: '1・2級（国民年金1級）相当' },
              { value: 'B', label: '3級（国民年金2級）相当' },
            ]}
          />
          <SelectField
            label="妊産婦加算"
            name={`members.${index}.pregnancy`}
            form={form}
            hint={mark(`members.${index}.pregnancy`)}
            options={[
              { value: '', label: '該当なし' },
              { value: 'pregnant', label: '妊娠中' },
              { value: 'postpartum', label: '産後' },
            ]}
          />
          {pregnancy[index]?.pregnancy && (
            <TextField label="妊娠・産後の月数" name={`members.${index}.pregnancyMonths`} form={form} numeric hint={mark(`members.${index}.pregnancyMonths`)} />
          )}
          <TextField
            label="介護保険料（月額）"
            name={`members.${index}.careInsurancePremium`}
            form={form}
            numeric
            hint={mark(`members.${index}.careInsurancePremium`, '円。なければ空欄')}
          />
          <CheckField label="在宅患者加算の対象" name={`members.${index}.homePatient`} form={form} />
          <SelectField
            label="放射線障害"
            name={`members.${index}.radiation`}
            form={form}
            options={[
              { value: '', label: '該当なし' },
              { value: 'current', label: '現に障害の状態にある' },
              { value: 'recovered', label: '障害が治癒した' },
            ]}
          />
          <CheckField label="介護施設に入所している" name={`members.${index}.careFacility`} form={form} />
        </fieldset>
      ))}
    </>
  );
}

function HousingStep({ form }: Props) {
  const housing = useWatch({ control: form.control, name: 'housing' });
  const mark = useMarks(form);
  const fromCase = form.getValues('fromCase');
  return (
    <>
      {fromCase && !fromCase.housing && (
        <p className="notice">ケースに住居（家賃）が登録されていません。ここで入力した家賃・床面積は、結果の画面で世帯の住居に反映できます。</p>
      )}
      <CheckField label="家賃・間代等を負担している" name="housing.present" form={form} hint={mark('housing.present')} />
      {housing.present && (
        <>
          <TextField label="家賃・間代（月額）" name="housing.rent" form={form} numeric hint={mark('housing.rent', '円')} />
          <TextField
            label="床面積（㎡）"
            name="housing.floorAreaSqm"
            form={form}
            hint={mark('housing.floorAreaSqm', '単身世帯の床面積別限度額に使います。不明なら空欄')}
          />
          <CheckField label="無料低額宿泊所等（床面積による減額の対象外）" name="housing.freeLowCostLodging" form={form} />
          <CheckField label="特別基準（限度額×1.3）の適用を申し出ている" name="housing.special" form={form} />
          {housing.special && <TextField label="特別基準を適用する理由" name="housing.specialReason" form={form} />}
        </>
      )}
    </>
  );
}

function EducationStep({ form }: Props) {
  const members = form.getValues('members');
  const mark = useMarks(form);
  return (
    <>
      {members.map((member, index) => (
        <fieldset key={member.key} className="member">
          <legend>{memberLegend(form, index)}</legend>
          <SelectField
            label="就学"
            name={`members.${index}.school`}
            form={form}
            hint={mark(`members.${index}.school`)}
            options={[
              { value: '', label: '就学していない' },
              { value: 'elementary', label: '小学校' },
              { value: 'juniorHigh', label: '中学校' },
              { value: 'highSchool', label: '高等学校等' },
            ]}
          />
        </fieldset>
      ))}
    </>
  );
}

function IncomeStep({ form, householdId }: Props) {
  const incomes = useFieldArray({ control: form.control, name: 'incomes' });
  const watched = useWatch({ control: form.control, name: 'incomes' });
  const members = form.getValues('members');
  const mark = useMarks(form);
  const fromCase = form.getValues('fromCase');
  const month = form.getValues('month');
  // Started for a case, the month's declared incomes are already in; the import is for another month typed since.
  const taken = fromCase !== undefined && text(month) === fromCase.month;
  return (
    <>
      {taken && (
        <p className="notice">
          ケースの{formatWarekiMonth(fromCase.month)}分の収入申告（{fromCase.incomes.length}件）を入れています。
        </p>
      )}
      {householdId && !taken && <DeclaredIncomesImport householdId={householdId} month={month} members={members} onImport={(rows) => incomes.append(rows)} />}
      {incomes.fields.length === 0 && <p>収入の入力はありません。収入があれば追加してください。</p>}
      {incomes.fields.map((field, index) => (
        <fieldset key={field.id} className="income">
          <legend>収入{index + 1}</legend>
          <SelectField
            label="世帯員"
            name={`incomes.${index}.memberKey`}
            form={form}
            hint={mark(`incomes.${index}.memberKey`)}
            options={members.map((m, i) => ({ value: m.key, label: `世帯員${i + 1}（${m.name}）` }))}
          />
          <SelectField
            label="種別"
            name={`incomes.${index}.type`}
            form={form}
            hint={mark(`incomes.${index}.type`)}
            options={[
              { value: 'earned', label: '就労収入' },
              { value: 'pension', label: '年金' },
              { value: 'other', label: '手当・仕送り等' },
              { value: 'temporary', label: '臨時的収入' },
            ]}
          />
          <TextField
            label={watched[index]?.type === 'earned' ? '就労収入（総額・月額）' : '金額（月額）'}
            name={`incomes.${index}.amount`}
            form={form}
            numeric
            hint={mark(`incomes.${index}.amount`, '円')}
          />
          {watched[index]?.type === 'earned' && (
            <>
              <TextField
                label="必要経費（実費控除）"
                name={`incomes.${index}.expenses`}
                form={form}
                numeric
                hint={mark(`incomes.${index}.expenses`, '円。なければ空欄')}
              />
              <CheckField label="新規就労（新規就労控除の対象）" name={`incomes.${index}.newEmployment`} form={form} />
              <TextField label="就労開始月" name={`incomes.${index}.employmentStartMonth`} form={form} hint="YYYY-MM。新規就労控除の6か月を数えます" />
            </>
          )}
          <button type="button" className="secondary" onClick={() => incomes.remove(index)}>
            収入{index + 1}を削除
          </button>
        </fieldset>
      ))}
      <p>
        <button type="button" className="secondary" onClick={() => incomes.append(emptyIncome(members[0]!.key))}>
          収入を追加
        </button>
      </p>
    </>
  );
}

const memberField = (names: string) => (field: string) => new RegExp(`^members\\.\\d+\\.(${names})$`).test(field);
const oneOf =
  (...fields: string[]) =>
  (field: string) =>
    fields.includes(field);

export const minimumCostSteps: readonly StepDef<MinimumCostForm>[] = [
  {
    id: 'household',
    title: '世帯',
    owns: (f) => oneOf('month', 'proRataFrom', 'proRataTo', 'members')(f) || memberField('name|birthDate|key')(f),
    Fields: HouseholdStep,
  },
  { id: 'region', title: '地域', owns: oneOf('municipality', 'kyuchi', 'tokiChiku'), Fields: RegionStep },
  {
    id: 'kasan',
    title: '加算',
    owns: (f) => f === 'singleParent' || memberField('disability|pregnancy|pregnancyMonths|careInsurancePremium|homePatient|radiation|careFacility')(f),
    Fields: KasanStep,
  },
  { id: 'housing', title: '住宅', owns: (f) => f.startsWith('housing.'), Fields: HousingStep },
  { id: 'education', title: '教育', owns: memberField('school'), Fields: EducationStep },
  { id: 'income', title: '収入', owns: (f) => f === 'incomes' || f.startsWith('incomes.'), Fields: IncomeStep },
];
