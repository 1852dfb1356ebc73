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
          <li key={index}>
            <TimeText iso={step.at} /> {linkageStatusLabels[step.status]}
            {step.note && `：${step.note}`}
          </li>
        ))}
      </ol>
    </details>
  );
}
