import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { caseStatusLabels } from '../../../shared/casework/caseStatus';
import { defaultMunicipality } from '../../../shared/calc/tables/municipalities';
import type { Household } from '../../../shared/domain/records';
import { formatYen } from '../../../shared/format/yen';
import { useOfficeSettings } from '../settings/useOfficeSettings';
import { useServices } from '../../session/SessionProvider';
import { SelectField } from '../../ui/ChoiceField';
import { SaveOrCancel } from '../../ui/SaveOrCancel';
import { TextField } from '../../ui/TextField';
import { localToday } from './caseLabels';
import { RegionFacts, municipalityNames, regionOf } from './HouseholdPanelRegion';
import { housingKindLabels, paysRent } from '../../../shared/casework/household';
import { householdEditSchema, householdEditValues, type HouseholdEdit, type HouseholdEditInput } from './newCase';
import { useLoaded } from '../../ui/useLoaded';
import { messageOf } from '../../ui/messageOf';
import { Form } from '../../ui/Form';
import { fieldChecks } from '../../ui/fieldChecks';

/** 世帯: the case's facts, and for those who may write the household, a form to change where and how it lives. */
export function HouseholdPanel({ household, onSaved }: { household: Household; onSaved: () => void }) {
  const services = useServices();
  const staff = useLoaded(() => services.staff.list(), [services]);
  // A household without its own municipality is in the office's (設定), as the calculation would take it.
  const settings = useOfficeSettings();
  const officeMunicipality = settings.state === 'ready' ? settings.value.defaultMunicipality : defaultMunicipality;
  const [editing, setEditing] = useState(false);
  const today = localToday();
  const caseworker =
    household.assignedTo === null
      ? '未割当'
      : staff.state === 'ready'
        ? (staff.value.find((u) => u.id === household.assignedTo)?.name ?? '（不明な職員）')
        : '';
  const municipality = household.municipality ?? officeMunicipality;
  const { housing } = household;
  return (
    <>
      <dl className="case-facts">
        <dt>ケース番号</dt>
        <dd>{household.caseNumber}</dd>
        <dt>状態</dt>
        <dd>{caseStatusLabels[household.status]}</dd>
        <dt>住所</dt>
        <dd>{household.address}</dd>
        <dt>電話番号</dt>
        <dd>{household.phone ?? '（なし）'}</dd>
        <dt>担当ケースワーカー</dt>
        <dd>{caseworker}</dd>
        <dt>住居</dt>
        <dd>{housing ? housingKindLabels[housing.kind] : '（未登録）'}</dd>
        {housing?.rent != null && (
          <>
            <dt>家賃</dt>
            <dd>{formatYen(housing.rent)}</dd>
          </>
        )}
        {housing?.floorAreaSqm != null && (
          <>
            <dt>床面積</dt>
            <dd>{housing.floorAreaSqm}㎡</dd>
          </>
        )}
        <dt>市町村</dt>
        <dd>
          {municipality}
          {household.municipality === undefined && '（事務所の既定）'}
        </dd>
        <RegionFacts municipality={municipality} date={today} />
      </dl>
      {services.access.mayWrite('households') &&
        (editing ? (
          <HouseholdForm
            household={household}
            municipality={municipality}
            onDone={(saved) => {
              setEditing(false);
              if (saved) onSaved();
            }}
          />
        ) : (
          <button type="button" onClick={() => setEditing(true)}>
            世帯の内容を変更
          </button>
        ))}
    </>
  );
}

function HouseholdForm({ household, municipality, onDone }: { household: Household; municipality: string; onDone: (saved: boolean) => void }) {
  const services = useServices();
  const today = localToday();
  const names = useMemo(() => municipalityNames(today), [today]);
  const schema = useMemo(() => householdEditSchema(new Set(names)), [names]);
  const form = useForm<HouseholdEditInput, unknown, HouseholdEdit>({
    resolver: zodResolver(schema),
    ...fieldChecks,
    defaultValues: householdEditValues(household, municipality),
  });
  const [housingKind, chosen] = useWatch({ control: form.control, name: ['housing', 'municipality'] });
  const region = regionOf(chosen, today);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = form.handleSubmit(async ({ housing, ...facts }) => {
    setFailure(null);
    try {
      // Changed on the row as stored at the moment of writing: another tab (収入) may have changed it since.
      await services.households.update(household.id, { ...facts, ...(housing ? { housing } : {}) });
      onDone(true);
    } catch (error) {
      setFailure(`保存できませんでした: ${messageOf(error)}`);
    }
  });

  return (
    <Form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="household-edit-title">
      <h3 id="household-edit-title">世帯の内容を変更</h3>
      <TextField label="住所" name="address" form={form} autoFocus />
      <TextField label="電話番号" name="phone" form={form} hint="任意。数字とハイフン" />
      <SelectField
        label="住居"
        name="housing"
        form={form}
        options={[{ value: '', label: '未登録' }, ...Object.entries(housingKindLabels).map(([value, label]) => ({ value, label }))]}
      />
      <TextField label="家賃" name="rent" form={form} hint={paysRent(housingKind) ? '円（月額）' : '賃貸・公営住宅のときに入力'} />
      <TextField label="床面積" name="floorArea" form={form} hint="任意。㎡" />
      <SelectField
        label="市町村"
        name="municipality"
        form={form}
        options={names.map((name) => ({ value: name, label: name }))}
        hint={region ? `級地 ${region.kyuchi}・冬季加算 ${region.tokiChiku}・住宅扶助 ${region.jutaku}` : undefined}
      />
      <SaveOrCancel failure={failure} saving={form.formState.isSubmitting} onCancel={() => onDone(false)} />
    </Form>
  );
}
