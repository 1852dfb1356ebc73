import { localIsoDate } from '../../shared/casework/calendarDate';
import { formatSeireki, formatWareki } from '../../shared/format/wareki';

/** The device-local calendar date (`YYYY-MM-DD`) of an ISO timestamp. */
export function localDateOf(iso: string): string {
  return localIsoDate(new Date(iso));
}

const clock = new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** A moment (log entries, backups) in 和暦 and local time, with the Western date on hover. */
export function TimeText({ iso }: { iso: string }) {
  const date = localDateOf(iso);
  const time = clock.format(new Date(iso));
  return (
    <time dateTime={iso} title={`${formatSeireki(date)} ${time}`}>
      {formatWareki(date)} {time}
    </time>
  );
}
