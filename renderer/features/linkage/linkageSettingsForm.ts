import { z } from 'zod';
import { linkageSettingsSchema, type LinkageSettings } from '../../../shared/settings/officeSettings';

/**
 * The 連携設定 form: text fields, an empty one meaning "not set" (null). Codes are NFKC-normalised, so digits typed
 * full width on an IME keyboard count; a pasted key loses its line breaks. The folder is a path and is only
 * trimmed: NFKC could change a real folder name.
 */
const fromText = (clean: (text: string) => string) => z.string().transform((text) => clean(text) || null);
const code = (text: string) => text.normalize('NFKC').trim();
const { shape } = linkageSettingsSchema;

export const linkageSettingsFormSchema = z.object({
  officeCode: fromText(code).pipe(shape.officeCode),
  payerNumber: fromText(code).pipe(shape.payerNumber),
  exchangeDir: fromText((text) => text.trim()).pipe(shape.exchangeDir),
  peerPublicKey: fromText((text) => text.normalize('NFKC').replace(/\s/g, '')).pipe(shape.peerPublicKey),
});
export type LinkageSettingsInput = z.input<typeof linkageSettingsFormSchema>;
export type LinkageSettingsValues = z.output<typeof linkageSettingsFormSchema>;

export const linkageSettingsFormValues = (settings: LinkageSettings): LinkageSettingsInput => ({
  officeCode: settings.officeCode ?? '',
  payerNumber: settings.payerNumber ?? '',
  exchangeDir: settings.exchangeDir ?? '',
  peerPublicKey: settings.peerPublicKey ?? '',
});
