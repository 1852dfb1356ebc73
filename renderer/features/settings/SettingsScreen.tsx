import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import {
  consultationTakersLabels,
  officeSettingsSchema,
  officeVisitGrades,
  type OfficeSettings,
  type StoredOfficeSettings,
} from '../../../shared/settings/officeSettings';
import { prefectures } from '../../../shared/settings/prefectures';
import { SelectField } from '../../ui/ChoiceField';
import { useServices } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';
import { TextField } from '../../ui/TextField';
import { changedFields, rebased } from './changedFields';
import { useOfficeSettings } from './useOfficeSettings';
import { VisitGradesFields } from './VisitGradesFields';
import { Form } from '../../ui/Form';
import { fieldChecks } from '../../ui/fieldChecks';

type Status = { kind: 'idle' } | { kind: 'saved' } | { kind: 'error'; message: string };
type SettingsForm = Required<
  Pick<OfficeSettings, 'officeName' | 'defaultMunicipality' | 'idleLockMinutes' | 'visitGrades' | 'consultationTakers' | 'prefecture' | 'documentPrefix'>
>;

// Settings from before grades were configurable have none: the form starts from the grades in force (the defaults),
// and sends them only if the administrator changes them.
const formValuesOf = (settings: StoredOfficeSettings): SettingsForm => ({
  officeName: settings.officeName,
  defaultMunicipality: settings.defaultMunicipality,
  idleLockMinutes: settings.idleLockMinutes,
  visitGrades: [...officeVisitGrades(settings)],
  consultationTakers: settings.consultationTakers ?? 'intakeOfficers',
  prefecture: settings.prefecture ?? '',
  documentPrefix: settings.documentPrefix ?? '',
});

/**
 * Device settings. A save sends only the fields changed here, so it cannot undo the 連携設定 saved meanwhile; a
 * change saved elsewhere shows at once in the fields not being edited.
 */
export function SettingsScreen() {
  const services = useServices();
  const settings = useOfficeSettings();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  // Ready once the fields hold the settings (a render after the reset, so the fields show their checks).
  const [ready, setReady] = useState(false);
  // What the fields held when last loaded: edits are measured against it.
  const loaded = useRef<SettingsForm | null>(null);
  const form = useForm<OfficeSettings>({ resolver: zodResolver(officeSettingsSchema), ...fieldChecks });

  useEffect(() => {
    if (settings.state !== 'ready') return;
    const heard = formValuesOf(settings.value);
    form.reset(loaded.current ? rebased(form.getValues() as SettingsForm, loaded.current, heard) : heard);
    loaded.current = heard;
    setReady(true);
  }, [settings, form]);

  const save = form.handleSubmit(async (values) => {
    if (!loaded.current) return;
    try {
      const saved = formValuesOf(await services.settings.update(changedFields(values as SettingsForm, loaded.current)));
      form.reset(saved);
      loaded.current = saved;
      setStatus({ kind: 'saved' });
    } catch (e) {
      setStatus({ kind: 'error', message: messageOf(e) });
    }
  });

  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title">設定</h2>
      {settings.state === 'failed' && <FormAlert message={settings.message} />}
      <Form onSubmit={save} noValidate aria-busy={!ready}>
        <TextField label="事務所名" name="officeName" form={form} autoFocus />
        <TextField label="既定の市町村" name="defaultMunicipality" form={form} />
        <TextField
          label="自動ロックまでの時間（分）"
          name="idleLockMinutes"
          form={form}
          numeric
          hint="操作がないまま、この時間が過ぎると自動的にロックします。"
        />
        <SelectField
          label="相談を記録できる職員"
          name="consultationTakers"
          form={form}
          options={Object.entries(consultationTakersLabels).map(([value, label]) => ({ value, label }))}
          hint="地区担当員が面接当番をする事務所では、ケースワーカーにも相談の記録を認めます。"
        />
        <SelectField
          label="都道府県"
          name="prefecture"
          form={form}
          options={[{ value: '', label: '選択してください' }, ...prefectures.map((p) => ({ value: p, label: p }))]}
          hint="決定通知書の教示に、審査請求先としてこの都道府県の知事を記載します。"
        />
        <TextField
          label="文書番号の記号"
          name="documentPrefix"
          form={form}
          hint="例: 加福（通知書の文書番号は「加福第12号」のように、決裁の順に年度ごとに振られます）"
        />
        <VisitGradesFields form={form} />
        <button type="submit" disabled={!ready || form.formState.isSubmitting}>
          保存する
        </button>
      </Form>
      <p role="status">{status.kind === 'saved' ? '設定を保存しました。' : ''}</p>
      <FormAlert message={status.kind === 'error' ? `保存できませんでした: ${status.message}` : null} />
    </section>
  );
}
