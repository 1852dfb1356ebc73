import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { deviceProfileLabels, deviceProfiles } from '../../shared/auth/roles';
import { municipalities } from '../../shared/calc/tables/municipalities';
import { officeSetupRequest } from '../../shared/ipc/vaultSchemas';
import { seihoApi } from '../api/seihoApi';
import { FormAlert } from '../ui/FormAlert';
import { TextField } from '../ui/TextField';
import { EnrolmentSetup } from './EnrolmentSetup';
import { RecoverySheet } from './RecoverySheet';
import { LazyRestoreScreen as RestoreScreen } from './lazyScreens';
import { useSessionControls } from './SessionProvider';
import { Form } from '../ui/Form';
import { fieldChecks } from '../ui/fieldChecks';

const setupForm = z
  .object({
    officeName: officeSetupRequest.shape.officeName,
    municipality: officeSetupRequest.shape.municipality,
    deviceProfile: officeSetupRequest.shape.deviceProfile,
    loginId: officeSetupRequest.shape.admin.shape.loginId,
    displayName: officeSetupRequest.shape.admin.shape.displayName,
    passphrase: officeSetupRequest.shape.admin.shape.passphrase,
    passphraseAgain: z.string(),
  })
  .refine((v) => v.passphrase === v.passphraseAgain, { path: ['passphraseAgain'], error: '確認用のパスフレーズが一致しません' });
type SetupForm = z.infer<typeof setupForm>;

/** The calculation's municipalities by 級地 (the latest period of its table), as the 市町村 select offers them. */
const municipalitiesByKyuchi = Object.entries(municipalities.periods.at(-1)!.values).reduce<Map<string, string[]>>(
  (groups, [name, { kyuchi }]) => groups.set(kyuchi, [...(groups.get(kyuchi) ?? []), name]),
  new Map(),
);

/**
 * First run: the office, this device's profile, the first administrator, and the office recovery key — shown
 * once, to print and keep, and confirmed by typing its last group before the app goes on.
 */
export function SetupWizard() {
  const { refresh } = useSessionControls();
  const [recovery, setRecovery] = useState<{ key: string; fingerprint: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [fromEnrolment, setFromEnrolment] = useState(false);
  const form = useForm<SetupForm>({
    resolver: zodResolver(setupForm),
    ...fieldChecks,
    defaultValues: { officeName: '', municipality: '加須市', deviceProfile: 'office', loginId: '', displayName: '', passphrase: '', passphraseAgain: '' },
  });
  const submit = form.handleSubmit(async (v) => {
    setError(null);
    const result = await seihoApi().officeSetup({
      officeName: v.officeName,
      municipality: v.municipality,
      deviceProfile: v.deviceProfile,
      admin: { loginId: v.loginId, displayName: v.displayName, passphrase: v.passphrase },
    });
    if (result.ok) setRecovery({ key: result.value.recoveryKey, fingerprint: result.value.recoveryFingerprint });
    else setError(result.error.message);
  });

  if (fromEnrolment) return <EnrolmentSetup onCancel={() => setFromEnrolment(false)} />;
  if (restoring) return <RestoreScreen onCancel={() => setRestoring(false)} deviceProfile={form.getValues('deviceProfile')} />;
  if (recovery) return <RecoverySheet recoveryKey={recovery.key} fingerprint={recovery.fingerprint} onConfirmed={() => void refresh()} />;
  return (
    <main className="gate" aria-labelledby="setup-title">
      <h1 id="setup-title">初期設定</h1>
      <p>この端末で生活保護ケースデスクを使い始めるために、事務所と最初のシステム管理者を登録します。</p>
      <p>
        ハブ端末で登録された訪問用端末・事務所端末は、新しい事務所ではなく{' '}
        <button type="button" className="secondary" onClick={() => setFromEnrolment(true)}>
          登録ファイルから設定する
        </button>
      </p>
      <Form onSubmit={submit} noValidate>
        <fieldset>
          <legend>事務所と端末</legend>
          <TextField label="事務所名" name="officeName" form={form} autoFocus />
          <div className="field">
            <label htmlFor="setup-municipality">市町村</label>
            <select id="setup-municipality" aria-describedby="setup-municipality-hint" {...form.register('municipality')}>
              {[...municipalitiesByKyuchi].map(([kyuchi, names]) => (
                <optgroup key={kyuchi} label={kyuchi}>
                  {names.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <p id="setup-municipality-hint" className="hint">
              級地・冬季加算地区・住宅扶助の限度額を決めます。
            </p>
          </div>
          <div className="field">
            <label htmlFor="device-profile">端末の種類</label>
            <select id="device-profile" {...form.register('deviceProfile')}>
              {deviceProfiles.map((p) => (
                <option key={p} value={p}>
                  {deviceProfileLabels[p]}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        <fieldset>
          <legend>最初のシステム管理者</legend>
          <TextField label="氏名" name="displayName" form={form} />
          <TextField label="ログインID" name="loginId" form={form} />
          <TextField label="パスフレーズ" name="passphrase" form={form} type="password" hint="12文字以上で、ログインIDを含まないもの。" />
          <TextField label="パスフレーズ（確認）" name="passphraseAgain" form={form} type="password" />
        </fieldset>
        <button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? '鍵を作成しています…' : '初期設定を行う'}
        </button>
      </Form>
      <FormAlert message={error} />
      <p>
        故障した端末の置き換えなど、この事務所のバックアップがある場合は、データフォルダの backups に置いてから{' '}
        <button type="button" className="secondary" onClick={() => setRestoring(true)}>
          バックアップから復元する
        </button>
      </p>
    </main>
  );
}
