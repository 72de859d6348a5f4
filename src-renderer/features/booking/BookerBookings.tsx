import { Input, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { maskPhone } from '../../../src-shared/privacy/mask';
import type { BookingFacts } from '../../../src-shared/records/booking/bookingRules';
import { useSession } from '../../app/storeContext';
import type { Booking } from './bookingModel';

const SHOWN = 500;

/** 预约人的预约: every booking of one resident, unit or team (by name or phone), newest first, with this month's count. */
export function BookerBookings({ facts, clashIds, onEdit }: { facts: (BookingFacts & { bookerKind: string })[]; clashIds: Set<string>; onEdit(b: Booking): void }) {
  const { store } = useSession();
  const [query, setQuery] = useState('');
  const q = query.trim();
  const found = useMemo(() => {
    if (!q) return [];
    // A walk-in resident's key carries the phone; a person, unit or team is found by name.
    const matches = facts.filter((f) => f.booker.includes(q) || (/^\d{4,}$/.test(q) && f.bookerKey.includes(q)));
    return matches.sort((a, b) => b.date.localeCompare(a.date) || b.startHour - a.startHour).slice(0, SHOWN).map((f) => store.repos.bookings.get(f.id)!);
  }, [facts, q, store]);
  const bookers = new Set(found.map((b) => b.booker));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search aria-label="查找预约人" allowClear placeholder="预约人姓名、单位名称或电话" style={{ width: 320 }} onSearch={setQuery} onChange={(e) => !e.target.value && setQuery('')} enterButton="查找" />
        {q && <Typography.Text type="secondary">找到 {found.length} 个预约{found.length >= SHOWN ? `（只列出最近 ${SHOWN} 个）` : ''}{bookers.size > 1 ? `，涉及 ${bookers.size} 人，请核对是否同一人` : ''}</Typography.Text>}
      </Space>
      <Table<Booking>
        size="small"
        rowKey="id"
        data-testid="booker-bookings"
        dataSource={found}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: q ? '没有这个预约人的预约' : '输入姓名或电话查看此人的全部预约' }}
        onRow={(b) => ({ onClick: () => onEdit(b), style: { cursor: 'pointer' } })}
        columns={[
          { title: '日期', dataIndex: 'date', width: 110 },
          { title: '时间', width: 110, render: (_, b) => `${b.startHour}:00–${b.endHour}:00` },
          { title: '场地', dataIndex: 'venue' },
          { title: '预约人', render: (_, b) => `${b.booker} ${maskPhone(b.phone)}` },
          { title: '用途', dataIndex: 'purpose' },
          { title: '状态', width: 120, render: (_, b) => <>{b.status}{clashIds.has(b.id) && <Tag color="red" style={{ marginLeft: 4 }}>冲突</Tag>}</> },
        ]}
      />
    </Space>
  );
}
