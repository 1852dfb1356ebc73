import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { defaultLinkageSettings } from '../../../shared/settings/officeSettings';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';
import { TextField } from '../../ui/TextField';
import { useLoaded } from '../../ui/useLoaded';
import { useServices } from '../../session/SessionProvider';
import { changedFields, rebased } from '../settings/changedFields';
import { useOfficeSettings } from '../settings/useOfficeSettings';
import { linkageSettingsFormSchema, linkageSettingsFormValues, type LinkageSettingsInput, type LinkageSettingsValues } from './linkageSettingsForm';
import { OfficeKey } from './OfficeKey';
import { Form } from '../../ui/Form';
import { fieldChecks } from '../../ui/fieldChecks';

/** 連携設定: the office's codes, the exchange folder and the other side's key, kept in the device settings. */
export function LinkageSettingsPanel() {
  const services = useServices();
  const settings = useOfficeSettings();
  // Main resolves the folder actually used (the setting, or the default in the data folder): shown as the hint.
  const info = useLoaded(() => services.linkageExchange.info(), [services]);
  // What the fields held when last loaded: a save sends only the fields changed from it.
  const loaded = useRef<LinkageSettingsInput | null>(null);
  // Ready once the fields hold the settings (a render after the reset, so the fields show their checks).
  const [ready, setReady] = useState(false);
  const [saved, setSaved] = useState('');
  const [error, setError] = useState<string | null>(null);
  const form = useForm<LinkageSettingsInput, unknown, LinkageSettingsValues>({
    resolver: zodResolver(linkageSettingsFormSchema),
    ...fieldChecks,
    defaultValues: linkageSettingsFormValues(defaultLinkageSettings),
  });

  // Loaded, and followed: a change saved elsewhere replaces the fields not being edited here.
  useEffect(() => {
    if (settings.state !== 'ready') return;
    const heard = linkageSettingsFormValues(settings.value.linkage ?? defaultLinkageSettings);
    form.reset(loaded.current ? rebased(form.getValues(), loaded.current, heard) : heard);
    loaded.current = heard;
    setReady(true);
  }, [settings, form]);

  const save = form.handleSubmit(async (values) => {
    if (!loaded.current) return;
    setSaved('');
    setError(null);
    try {
      const before = linkageSettingsFormSchema.parse(loaded.current);
      const stored = await services.settings.update({ linkage: changedFields(values, before) });
      const fresh = linkageSettingsFormValues(stored.linkage ?? defaultLinkageSettings);
      form.reset(fresh);
      loaded.current = fresh;
      setSaved('連携設定を保存しました。');
      info.reload();
    } catch (e) {
      setError(`保存できませんでした: ${messageOf(e)}`);
    }
  });

  const folderHint = `${info.state === 'ready' ? `現在の連携フォルダ: ${info.value.exchangeDir}。` : ''}空欄にすると、データフォルダ内の exchange フォルダを使います。`;
  return (
    <section aria-labelledby="linkage-settings-title">
      <h3 id="linkage-settings-title">連携設定</h3>
      {settings.state === 'failed' && <FormAlert message={settings.message} />}
      <Form onSubmit={save} noValidate aria-busy={!ready} aria-labelledby="linkage-settings-title">
        <TextField label="団体コード" name="officeCode" form={form} hint="6桁の数字（例: 112101）。連携ファイルに記録されます。" />
        <TextField label="公費負担者番号" name="payerNumber" form={form} hint="医療扶助の公費負担者番号（法別番号12で始まる8桁）。" />
        <TextField label="連携フォルダ" name="exchangeDir" form={form} hint={folderHint} />
        <TextField
          label="相手方の公開鍵"
          name="peerPublicKey"
          form={form}
          hint="団体内統合宛名システムの公開鍵（base64、44文字）。結果ファイルの署名をこの鍵で確認します。"
        />
        <button type="submit" disabled={!ready || form.formState.isSubmitting}>
          保存する
        </button>
      </Form>
      <p role="status">{saved}</p>
      <FormAlert message={error} />
      {info.state === 'failed' && <FormAlert message={info.message} />}
      {info.state === 'ready' && (
        <OfficeKey
          publicKey={info.value.publicKey}
          fingerprint={info.value.fingerprint}
          decryptionFingerprint={info.value.decryptionKey.fingerprint}
          peerFingerprint={info.value.peerFingerprint}
          generations={info.value.generations}
          onRotate={async (kind) => {
            await services.settings.rotateOfficeKey(kind);
            info.reload();
          }}
        />
      )}
    </section>
  );
}
