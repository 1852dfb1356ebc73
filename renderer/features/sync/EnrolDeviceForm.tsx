import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { deviceProfileLabels, roleLabels } from '../../../shared/auth/roles';
import type { EnrolOutcome } from '../../services/sync';
import type { VaultUser } from '../../services/officeAdmin';
import { useServices } from '../../session/SessionProvider';
import { SelectField } from '../../ui/ChoiceField';
import { Form } from '../../ui/Form';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';
import { TextField } from '../../ui/TextField';
import { tickedValues } from './checkboxGroup';
import { fieldChecks } from '../../ui/fieldChecks';

const ticked = z.preprocess(tickedValues, z.array(z.string()));
const schema = z.object({
  name: z.string().trim().min(1, { error: '端末名を入力してください' }).max(100, { error: '端末名は100文字以内で入力してください' }),
  profile: z.enum(['field', 'office']),
  userIds: ticked.refine((ids) => ids.length > 0, { error: '端末を使う利用者を1人以上選んでください' }),
  caseloadUserIds: ticked,
  folder: z.string().trim().max(400, { error: '書き出し先は400文字以内で入力してください' }),
});
type Fields = z.input<typeof schema>;
type Parsed = z.output<typeof schema>;

const profileOptions = (['field', 'office'] as const).map((p) => ({ value: p, label: deviceProfileLabels[p] }));

/**
 * Enrols a field laptop or an office desktop: main writes the enrolment file (the device's keys sealed under a code),
 * the registry records the device, and the code is shown here once — it is never stored, so the administrator
 * writes it down for the person setting the device up.
 */
export function EnrolDeviceForm({ users, onEnrolled }: { users: readonly VaultUser[]; onEnrolled: () => void }) {
  const services = useServices();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<EnrolOutcome | null>(null);
  const form = useForm<Fields, unknown, Parsed>({
    resolver: zodResolver(schema),
    ...fieldChecks,
    defaultValues: { name: '', profile: 'field', userIds: [], caseloadUserIds: [], folder: '' },
  });
  const active = users.filter((u) => u.status === 'active');
  const caseworkers = active.filter((u) => u.profile.role === 'caseworker');
  const submit = form.handleSubmit(async (v) => {
    setError(null);
    setOutcome(null);
    try {
      setOutcome(
        await services.syncDevices.enrol({
          name: v.name,
          profile: v.profile,
          userIds: v.userIds,
          caseloadUserIds: v.caseloadUserIds,
          ...(v.folder ? { folder: v.folder } : {}),
        }),
      );
    } catch (e) {
      return setError(messageOf(e));
    }
    form.reset();
    onEnrolled();
  });
  const usersError = form.formState.errors.userIds?.message;
  return (
    <>
      <Form onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <h4 id={`${id}-title`}>端末の登録</h4>
        <TextField label="端末名" name="name" form={form} hint="例: 訪問用PC 3（第1班）" />
        <SelectField label="端末の種類" name="profile" form={form} options={profileOptions} />
        <fieldset aria-describedby={usersError ? `${id}-users-error` : undefined}>
          <legend>この端末を使う利用者</legend>
          {active.map((u) => (
            <label key={u.userId} className="checkbox">
              <input type="checkbox" value={u.userId} {...form.register('userIds')} /> {u.profile.displayName}（{u.loginId}・{roleLabels[u.profile.role]}）
            </label>
          ))}
          {usersError && (
            <p id={`${id}-users-error`} className="field-error">
              この端末を使う利用者: {usersError}
            </p>
          )}
        </fieldset>
        <fieldset>
          <legend>この端末が持つ担当ケース（ケースワーカー）</legend>
          {caseworkers.length === 0 && <p>ケースワーカーが登録されていません。</p>}
          {caseworkers.map((u) => (
            <label key={u.userId} className="checkbox">
              <input type="checkbox" value={u.userId} {...form.register('caseloadUserIds')} /> {u.profile.displayName}の担当ケース
            </label>
          ))}
        </fieldset>
        <TextField label="書き出し先フォルダ" name="folder" form={form} hint="空欄なら同期フォルダ（未設定ならデータフォルダの enrolments）に書き出します。" />
        <button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? '登録ファイルを作成しています…' : '登録ファイルを作成'}
        </button>
        <FormAlert message={error} />
      </Form>
      {outcome && <EnrolmentCode outcome={outcome} onDone={() => setOutcome(null)} />}
    </>
  );
}

/** The code, once: grouped for reading aloud, with the file it opens. */
function EnrolmentCode({ outcome, onDone }: { outcome: EnrolOutcome; onDone: () => void }) {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`} className="panel needs-confirmation">
      <h4 id={`${id}-title`}>登録コード（この画面でだけ表示します）</h4>
      <p role="status">{outcome.device.name}を登録しました。登録ファイルと次の登録コードを、端末を設定する人に別々に渡してください。</p>
      <dl className="case-facts">
        <dt>登録コード</dt>
        <dd>
          <code>{outcome.code}</code>
        </dd>
        <dt>登録ファイル</dt>
        <dd>{outcome.file}</dd>
        <dt>端末ID</dt>
        <dd>{outcome.device.id}</dd>
      </dl>
      <button type="button" onClick={onDone}>
        控えました（コードを消す）
      </button>
    </section>
  );
}
