import { Tabs } from 'antd';
import { useState } from 'react';
import { StatsPanel } from './StatsPanel';
import { TodoPanel } from './TodoPanel';
import { YearlyPanel } from './YearlyPanel';

/** 工作台: the first screen of a community — today's work, the figures as charts, and the yearly table. */
export function WorkbenchPage() {
  const [tab, setTab] = useState('todo');
  return (
    <Tabs
      destroyOnHidden
      activeKey={tab}
      onChange={setTab}
      style={{ marginTop: -8 }}
      items={[
        { key: 'todo', label: '今日待办', children: <TodoPanel /> },
        { key: 'stats', label: '统计图表', children: <StatsPanel /> },
        { key: 'yearly', label: '年度统计表', children: <YearlyPanel /> },
      ]}
    />
  );
}
