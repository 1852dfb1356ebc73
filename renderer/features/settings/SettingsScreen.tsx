import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { officeSettingsSchema, officeVisitGrades, type OfficeSettings } from '../../../shared/settings/officeSettings';
import { seihoApi } from '../../api/seihoApi';
import { FormAlert } from '../../ui/FormAlert';
import { TextField } from '../../ui/TextField';
import { VisitGradesFields } from './VisitGradesFields';

type Status = { kind: 'idle' } | { kind: 'saved' } | { kind: 'error'; message: string };

/** Device settings, read from and written to the main process through the contract. */
export function SettingsScreen() {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [loaded, setLoaded] = useState(false);
  // Validate on blur so IME composition is never interrupted by an error message.
  const form = useForm<OfficeSettings>({ resolver: zodResolver(officeSettingsSchema), mode: 'onBlur' });
  // Settings from before grades were configurable have none: the form starts from the grades in force (the defaults).
  const load = (settings: OfficeSettings) => form.reset({ ...settings, visitGrades: [...officeVisitGrades(settings)] });

  useEffect(() => {
    void seihoApi()
      .settingsGet({})
      .then((result) => {
        if (result.ok) load(result.value);
        else setStatus({ kind: 'error', message: result.error.message });
        setLoaded(true);
      });
  }, [form]);

  const save = form.handleSubmit(async (values) => {
    const result = await seihoApi().settingsSet(values);
    if (result.ok) {
      load(result.value);
      setStatus({ kind: 'saved' });
    } else setStatus({ kind: 'error', message: result.error.message });
  });

  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title">設定</h2>
      <form onSubmit={save} noValidate aria-busy={!loaded}>
        <TextField label="事務所名" name="officeName" form={form} autoFocus />
        <TextField label="既定の市町村" name="defaultMunicipality" form={form} />
        <TextField label="自動ロックまでの時間（分）" name="idleLockMinutes" form={form} numeric hint="操作がないまま、この時間が過ぎると自動的にロックします。" />
        <VisitGradesFields form={form} />
        <button type="submit" disabled={!loaded || form.formState.isSubmitting}>
          保存する
        </button>
      </form>
      <p role="status">{status.kind === 'saved' ? '設定を保存しました。' : ''}</p>
      <FormAlert message={status.kind === 'error' ? `保存できませんでした: ${status.message}` : null} />
    </section>
  );
}
