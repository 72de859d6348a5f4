import { Modal } from 'antd';
import { useState } from 'react';
import { TODO_CARD_NONE, type TodoCard, type TodoRow } from '../../../src-shared/workbench/todoCards';
import { useNavigation } from '../../app/navigation';
import { useTodo } from './useTodo';

/** Rows a card shows before “全部 N 项”: nine cards of three two-line rows fit 1366 × 768 with the page's header. */
const ROWS_SHOWN = 3;

/**
 * 今日待办: one card per kind of work, each with its count and its rows; a row is a button (Tab reaches it, Enter opens
 * its record). A card with nothing due says so in one line.
 */
export function TodoPanel() {
  const cards = useTodo();
  const total = cards.reduce((s, c) => s + c.count, 0);
  return (
    <div data-testid="todo">
      <span className="todo-none" data-testid="todo-total">{total === 0 ? '今天没有待办事项' : `今天共有 ${total} 项待办`}</span>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 12, marginTop: 8 }}>
        {cards.map((card) => <TodoCardView key={card.key} card={card} />)}
      </div>
    </div>
  );
}

function TodoCardView({ card }: { card: TodoCard }) {
  const [all, setAll] = useState(false);
  const titleId = `todo-${card.key}-title`;
  const tone = card.count === 0 ? 'none' : card.rows.some((r) => r.overdue) ? 'overdue' : 'due';
  // Plain markup in antd's card look: nine cards drawn at once on the first screen, without building styles for them.
  return (
    <section className="todo-card" data-testid={`todo-${card.key}`} aria-labelledby={titleId}>
      <h3 className="todo-card-head" id={titleId}>
        {card.title} <span className={`todo-count todo-count-${tone}`}>{card.count}</span>
      </h3>
      <div className="todo-card-body">
        {card.checking && <span className="todo-none" data-testid="todo-checking" style={{ display: 'block', fontSize: 12 }}>正在核对全部预约和积分流水…</span>}
        {card.count === 0 ? (
          !card.checking && <span className="todo-none">{TODO_CARD_NONE[card.key]}</span>
        ) : (
          <>
            <TodoRows rows={card.rows.slice(0, ROWS_SHOWN)} />
            {card.count > ROWS_SHOWN && <button type="button" className="figure-link todo-all" onClick={() => setAll(true)}>全部 {card.count} 项</button>}
          </>
        )}
      </div>
      {all && (
        <Modal open title={`${card.title}（${card.count} 项）`} footer={null} onCancel={() => setAll(false)} width={720} styles={{ body: { maxHeight: '60vh', overflowY: 'auto' } }}>
          <TodoRows rows={card.rows} />
        </Modal>
      )}
    </section>
  );
}

function TodoRows({ rows }: { rows: readonly TodoRow[] }) {
  const navigation = useNavigation();
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {rows.map((row) => (
        <li key={row.key} style={{ padding: '2px 0', borderBottom: '1px dashed #f0f0f0' }}>
          <button type="button" className="todo-row" onClick={() => navigation.openTarget(row.target)} title={`${row.text}：${row.note}`}>
            <span className="todo-row-text">{row.text}</span>
            <span className="todo-row-note" style={{ color: row.overdue ? '#c8102e' : '#8c8c8c' }}>{row.note}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
