import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

export interface VirtualRow {
  cells: ReactNode;
  className?: string;
}

interface VirtualTableProps {
  /** The table's accessible name. */
  label: string;
  className?: string;
  /** The header row's cells (`<th scope="col">`). */
  head: ReactNode;
  columnCount: number;
  count: number;
  rowKey: (index: number) => string;
  row: (index: number) => VirtualRow;
  /** A first guess of a row's height in px; rows are measured once painted. */
  estimateRowHeight?: number;
}

// Enough rows beyond the view that Tab from a row's link lands on a row already rendered.
const OVERSCAN = 8;

/**
 * A table that renders only the rows in view (and a few beyond), so a list of hundreds paints as fast as one of
 * twenty. It stays a table for assistive technology: the table states every row (`aria-rowcount`) and each
 * rendered row its position (`aria-rowindex`, the header being row 1); the space of rows not rendered is held by
 * spacer rows hidden from it. The scroll area takes focus, so the arrow and page keys scroll it.
 */
export function VirtualTable({ label, className, head, columnCount, count, rowKey, row, estimateRowHeight = 52 }: VirtualTableProps) {
  const scrollRef = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateRowHeight,
    getItemKey: rowKey,
    overscan: OVERSCAN,
    // Before the scroll area is measured (first render), assume a screenful rather than nothing.
    initialRect: { width: 0, height: 720 },
  });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = Math.max(0, virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0));
  const spacer = (height: number) => (
    // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a spacer row holds nothing focusable; hidden so it is not counted as a row.
    <tr aria-hidden="true" style={{ height }}>
      <td colSpan={columnCount} style={{ padding: 0, border: 0 }} />
    </tr>
  );

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the scroll area must take focus for keyboard scrolling.
    <section ref={scrollRef} aria-label={`${label}（スクロールできます）`} tabIndex={0} style={{ maxHeight: '70vh', overflowY: 'auto' }}>
      <table className={className} aria-label={label} aria-rowcount={count + 1}>
        <thead style={{ position: 'sticky', top: 0, zIndex: 1, background: '#fff' }}>
          <tr aria-rowindex={1}>{head}</tr>
        </thead>
        <tbody>
          {before > 0 && spacer(before)}
          {items.map((item) => {
            const { cells, className: rowClass } = row(item.index);
            return (
              <tr key={item.key} ref={virtualizer.measureElement} data-index={item.index} aria-rowindex={item.index + 2} className={rowClass}>
                {cells}
              </tr>
            );
          })}
          {after > 0 && spacer(after)}
        </tbody>
      </table>
    </section>
  );
}
