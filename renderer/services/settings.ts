import type { LinkageSettings, OfficeSettings, OfficeSettingsPatch, StoredOfficeSettings } from '../../shared/settings/officeSettings';
import type { ServiceContext } from './context';
import { unwrapResult } from './ipcResult';

export type SettingsListener = (settings: OfficeSettings) => void;

/**
 * The device settings as screens use them: read, change only some fields, and hear every change — saved here, in
 * another screen or another window — through main's `settingsChanged`. Main applies changes one at a time and
 * announces each in that order. A save made here is also told to the listeners as soon as main answers, so it shows
 * even if the event is late; a late event can show an older state only until the next event, which follows it.
 */
export function settingsServices({ api }: Pick<ServiceContext, 'api'>) {
  const listeners = new Set<SettingsListener>();
  const tell = (settings: OfficeSettings) => {
    for (const listener of [...listeners]) listener(settings);
  };
  // One subscription to main for all screens: over the browser host each subscription is an open connection.
  let unsubscribeMain: (() => void) | null = null;

  const update = async (patch: OfficeSettingsPatch): Promise<OfficeSettings> => {
    const saved = unwrapResult(await api.settingsUpdate(patch));
    tell(saved);
    return saved;
  };

  return {
    settings: {
      async get(): Promise<StoredOfficeSettings> {
        return unwrapResult(await api.settingsGet({}));
      },
      /** Changes the given fields only (the linkage settings field by field); the settings as saved. */
      update,
      /**
       * Puts the next generation of one office key in force (連携設定): the next request file is signed by the new
       * signing key and endorsed by the one before it, or asks for results sealed to the new decryption key, while
       * results sealed to an earlier one still open. Main audits the change like every security-relevant setting.
       */
      async rotateOfficeKey(key: keyof NonNullable<LinkageSettings['officeKeys']>): Promise<OfficeSettings> {
        const current = unwrapResult(await api.settingsGet({}));
        const generations = current.linkage?.officeKeys ?? { signing: 1, decryption: 1 };
        return update({ linkage: { officeKeys: { ...generations, [key]: generations[key] + 1 } } });
      },
      /** Hears every saved change until the returned function is called. */
      subscribe(listener: SettingsListener): () => void {
        listeners.add(listener);
        unsubscribeMain ??= api.onSettingsChanged(tell);
        return () => {
          listeners.delete(listener);
          if (listeners.size === 0 && unsubscribeMain) {
            unsubscribeMain();
            unsubscribeMain = null;
          }
        };
      },
    },
  };
}

export type SettingsService = ReturnType<typeof settingsServices>['settings'];
