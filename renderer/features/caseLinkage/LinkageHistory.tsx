import type { LinkageRecord } from '../../../shared/domain/records';
import { linkageStatusLabels } from '../../../shared/linkage/linkageKinds';
import { TimeText } from '../../ui/TimeText';

/** The row's course (queued, sent, refused, re-sent …), folded away until asked for. */
export function LinkageHistory({ history }: { history: LinkageRecord['history'] }) {
  return (
    <details>
      <summary>経過（{history.length}件）</summary>
      <ol>
        {history.map((step, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: an append-only history: a step's place in it is its identity
          <li key={index}>
            <TimeText iso={step.at} /> {linkageStatusLabels[step.status]}
            {step.note && `：${step.note}`}
          </li>
        ))}
      </ol>
    </details>
  );
}
