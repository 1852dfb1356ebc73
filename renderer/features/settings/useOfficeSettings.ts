import { useEffect, useState } from 'react';
import type { StoredOfficeSettings } from '../../../shared/settings/officeSettings';
import { useServices } from '../../session/SessionProvider';
import { messageOf } from '../../ui/messageOf';
import type { Loadable } from '../../ui/useLoaded';

/**
 * The device settings, kept current: read once, then replaced by every change main announces (`settingsChanged`),
 * so a change saved in one screen or window shows in every screen open without a reload.
 */
export function useOfficeSettings(): Loadable<StoredOfficeSettings> {
  const services = useServices();
  const [settings, setSettings] = useState<Loadable<StoredOfficeSettings>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    let heard = false;
    // Subscribed before the read: a change saved meanwhile is not missed, and an older read does not overwrite it.
    const unsubscribe = services.settings.subscribe((value) => {
      heard = true;
      setSettings({ state: 'ready', value });
    });
    services.settings.get().then(
      (value) => live && !heard && setSettings({ state: 'ready', value }),
      (error: unknown) => live && !heard && setSettings({ state: 'failed', message: messageOf(error) }),
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [services]);
  return settings;
}
