import { Timeline } from 'antd';
import type { HistoryEntry } from '../../src-shared/repository/docLayout';
import { standings } from '../../src-shared/repository/historyTruth';
import { describeHistoryEntry } from './historyLabels';

/**
 * A record's history, newest first. Read against the record's current values: a field written on two PCs while
 * apart shows which write is in effect and which did not take effect (in orange), whichever came later in time.
 */
export function HistoryTimeline(props: {
  history: readonly HistoryEntry[];
  current: Readonly<Record<string, unknown>>;
  labels: Record<string, string>;
  show: (field: string, value: unknown) => string;
  testId: string;
}) {
  const marks = standings(props.history, props.current);
  const items = props.history
    .map((entry, index) => {
      const mark = marks.get(index);
      const lost = mark && Object.values(mark).includes('lost');
      return { key: index, color: lost ? 'orange' : undefined, children: describeHistoryEntry(entry, props.labels, props.show, mark) };
    })
    .reverse();
  return <Timeline data-testid={props.testId} items={items} />;
}
