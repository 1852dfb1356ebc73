import { formatSeireki, formatWareki } from '../../shared/format/wareki';

/** A calendar date in 和暦, with the Western date on hover for cross-checking. */
export function DateText({ date }: { date: string }) {
  return (
    <time dateTime={date} title={formatSeireki(date)}>
      {formatWareki(date)}
    </time>
  );
}
