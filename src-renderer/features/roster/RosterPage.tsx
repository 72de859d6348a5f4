import { Tabs } from 'antd';
import { PeopleTable } from './PeopleTable';

export const TABS = ['党员', '在职党员', '志愿者', '社区工作者', '全部'] as const;

/** 名册: one tab per role; one person appears in every tab of the roles they hold. */
export function RosterPage() {
  return <Tabs destroyOnHidden items={TABS.map((role) => ({ key: role, label: role === '全部' ? '全部人员' : role, children: <PeopleTable role={role} /> }))} />;
}
