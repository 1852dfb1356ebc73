import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { caseStatusLabels } from '../../../shared/casework/caseStatus';
import { InvalidRecordError } from '../../data/errors';
import { useServices, useUnlocked } from '../../session/SessionProvider';
import { SelectField } from '../../ui/ChoiceField';
import type { FormOf } from '../../ui/Field';
import { FormAlert } from '../../ui/FormAlert';
import { TextField } from '../../ui/TextField';
import { numberCheckDocuments, photoIdentityDocuments } from '../../../shared/casework/identityVerification';
import { HEAD_RELATION, localToday, relationChoices, sexLabels } from './caseLabels';
import { emptyMember, newCaseSchema, verificationMethodLabels, type NewCase, type NewCaseInput } from './newCase';
import { useLoaded } from '../../ui/useLoaded';
import { messageOf } from '../../ui/messageOf';
import { Form } from '../../ui/Form';
import { fieldChecks } from '../../ui/fieldChecks';
import { DateField } from '../../ui/DateField';

type Option = { value: string; label: string };
const choose = (options: Option[]): Option[] => [{ value: '', label: '選択してください' }, ...options];
const optionsOf = (labels: Record<string, string | { label: string }>): Option[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label: typeof label === 'string' ? label : label.label }));

/** 新規ケース登録: the household, its head and further members, and 個人番号 with its identity verification. */
export function NewCaseForm() {
  const services = useServices();
  const { session, user } = useUnlocked();
  const navigate = useNavigate();
  const today = localToday();
  // 個人番号 is asked only where it may be kept: roles that handle it, on office and hub devices.
  const takesMyNumber = services.access.myNumber === 'reveal' && services.access.deviceProfile !== 'field';
  const staff = useLoaded(() => services.staff.list(), [services]);
  const staffList = staff.state === 'ready' ? staff.value.filter((u) => u.status === 'active') : [];

  const schema = useMemo(() => newCaseSchema({ today, userId: session.userId }), [today, session.userId]);
  const form = useForm<NewCaseInput, unknown, NewCase>({
    resolver: zodResolver(schema),
    ...fieldChecks,
    defaultValues: {
      caseNumber: '',
      address: '',
      phone: '',
      status: 'consultation',
      assignedTo: session.role === 'caseworker' ? session.userId : '',
      members: [emptyMember(HEAD_RELATION)],
    },
  });
  const members = useFieldArray({ control: form.control, name: 'members' });
  const [failure, setFailure] = useState<string | null>(null);

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      const id = await services.cases.create(values);
      void navigate(`/cases/${id}`);
    } catch (error) {
      if (error instanceof InvalidRecordError && error.field.startsWith('members.'))
        form.setError(error.field as `members.${number}.myNumber`, { message: error.message }, { shouldFocus: true });
      else setFailure(`登録できませんでした: ${messageOf(error)}`);
    }
  });

  const caseworkers = staffList.filter((u) => u.role === 'caseworker').map((u) => ({ value: u.id, label: u.name }));
  // A second person confirms the number (PPC guideline): any other member of staff who handles 個人番号.
  const confirmers = staffList.filter((u) => u.id !== session.userId && services.access.handlesMyNumber(u.role)).map((u) => ({ value: u.id, label: u.name }));

  return (
    <section aria-labelledby="new-case-title">
      <h2 id="new-case-title">新規ケース登録</h2>
      <Form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset>
          <legend>世帯</legend>
          <TextField label="ケース番号" name="caseNumber" form={form} autoFocus />
          <TextField label="住所" name="address" form={form} />
          <TextField label="電話番号" name="phone" form={form} hint="任意。数字とハイフン" />
          <SelectField label="状態" name="status" form={form} options={optionsOf(caseStatusLabels)} />
          {session.role === 'caseworker' ? (
            <p>担当ケースワーカー: {user.displayName}（自分）</p>
          ) : (
            <SelectField label="担当ケースワーカー" name="assignedTo" form={form} options={[{ value: '', label: '未割当' }, ...caseworkers]} />
          )}
        </fieldset>
        {members.fields.map((field, index) => (
          <MemberFields
            key={field.id}
            form={form}
            index={index}
            takesMyNumber={takesMyNumber}
            confirmers={confirmers}
            onRemove={index > 0 ? () => members.remove(index) : undefined}
          />
        ))}
        {!takesMyNumber && (
          <p className="notice">
            {services.access.deviceProfile === 'field' ? '訪問用端末では個人番号を入力できません。' : 'この役割では個人番号を入力できません。'}
          </p>
        )}
        <p>
          <button type="button" className="secondary" onClick={() => members.append(emptyMember())}>
            世帯員を追加
          </button>
        </p>
        <FormAlert message={failure} />
        <button type="submit" disabled={form.formState.isSubmitting}>
          登録する
        </button>
      </Form>
    </section>
  );
}

type MemberProps = {
  form: FormOf<NewCaseInput, NewCase>;
  index: number;
  takesMyNumber: boolean;
  confirmers: Option[];
  onRemove: (() => void) | undefined;
};

function MemberFields({ form, index, takesMyNumber, confirmers, onRemove }: MemberProps) {
  const base = `members.${index}` as const;
  const [myNumber, method] = form.watch([`${base}.myNumber`, `${base}.verification.method`]);
  return (
    <fieldset>
      <legend>{index === 0 ? '世帯主' : `世帯員${index + 1}`}</legend>
      <TextField label="氏名" name={`${base}.name`} form={form} />
      <TextField label="フリガナ" name={`${base}.kana`} form={form} hint="カタカナ（ひらがな・半角カナも可）" />
      <DateField label="生年月日" name={`${base}.birthDate`} form={form} />
      <SelectField label="性別" name={`${base}.sex`} form={form} options={choose(optionsOf(sexLabels))} />
      {index > 0 && <SelectField label="続柄" name={`${base}.relation`} form={form} options={choose(relationChoices.map((r) => ({ value: r, label: r })))} />}
      <TextField
        label="宛名番号"
        name={`${base}.atenaNumber`}
        form={form}
        hint="任意。団体内統合宛名システムの番号（英数字）。情報連携（副本登録）に使います。分からなければ空欄のまま登録し、分かったら世帯員の画面で入力します"
      />
      {takesMyNumber && (
        <>
          <TextField label="個人番号" name={`${base}.myNumber`} form={form} revealable hint="任意。12桁。入力すると本人確認の記録が必要です" />
          {myNumber.trim() !== '' && (
            <fieldset>
              <legend>本人確認（番号法第16条）</legend>
              <SelectField label="本人確認の方法" name={`${base}.verification.method`} form={form} options={choose(optionsOf(verificationMethodLabels))} />
              {method === 'documents' && (
                <>
                  <SelectField label="番号確認書類" name={`${base}.verification.numberCheck`} form={form} options={choose(optionsOf(numberCheckDocuments))} />
                  <SelectField label="身元確認書類" name={`${base}.verification.photoId`} form={form} options={choose(optionsOf(photoIdentityDocuments))} />
                </>
              )}
              <SelectField
                label="確認者"
                name={`${base}.verification.confirmer`}
                form={form}
                options={choose(confirmers)}
                hint={confirmers.length === 0 ? 'この端末で利用したことのある別の職員がいないため、確認者を選べません' : '受付をした職員とは別の職員'}
              />
            </fieldset>
          )}
        </>
      )}
      {onRemove && (
        <button type="button" className="secondary" onClick={onRemove}>
          {`世帯員${index + 1}を削除`}
        </button>
      )}
    </fieldset>
  );
}
