import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../data/repos/sync';
import { useServices } from '../../session/SessionProvider';
import { TimeText } from '../../ui/TimeText';

/** How often the header reads the local sync state again (a sync run, an edit elsewhere in the app). */
const REFRESH_MS = 15_000;

/** The shell's 最終同期 and 未送信: always in view, so a caseworker knows what has not reached the hub yet. */
export function SyncStatusLine() {
  const services = useServices();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    let live = true;
    const read = () =>
      void services.sync.status().then(
        (next) => live && setStatus(next),
        () => live && setStatus(null),
      );
    read();
    const timer = setInterval(read, REFRESH_MS);
    const unsubscribe = services.sync.subscribe(read);
    return () => {
      live = false;
      clearInterval(timer);
      unsubscribe();
    };
  }, [services]);
  if (!status) return null;
  const hub = services.access.deviceProfile === 'hub';
  return (
    <p className="sync-status" role="note" aria-label="同期の状態">
      最終同期 送信: {status.lastSentAt ? <TimeText iso={status.lastSentAt} /> : '未同期'}・受信:{' '}
      {status.lastAppliedAt ? <TimeText iso={status.lastAppliedAt} /> : '未同期'}
      {!hub && `　未送信: ${status.unsent.toLocaleString('ja-JP')}件`}
    </p>
  );
}
