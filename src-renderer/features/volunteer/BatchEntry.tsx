import { Button, Checkbox, Input, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { maskPhone } from '../../../src-shared/privacy/mask';
import type { EntryRow } from '../../../src-shared/records/volunteer/activityEntry';
import { attendanceWorth } from '../../../src-shared/records/volunteer/pointsLedger';
import { parseClockTime, timeOutsideActivity, type ActivityRules } from '../../../src-shared/records/volunteer/pointRules';
import { searchEntry, searchPeople } from '../../../src-shared/search/personSearch';
import { useSession } from '../../app/storeContext';
import { personKey, walkinKey } from './volunteerModel';


/** Moves the focus to the next time field or tick box of the grid: Enter works like Tab on a sign-in sheet. */
function focusNext(from: HTMLElement) {
  const fields = [...document.querySelectorAll<HTMLElement>('[data-entry-field]')];
  fields[fields.indexOf(from) + 1]?.focus();
}

/**
 * 签到表录入: the people of the sheet in its order; tick who came, type arrival and leave (8:30, 830, 8点30…), Enter
 * moves on. Hours and points show as typed, under the activity's rules.
 */
export function BatchEntry({ rows, onRows, rules, defaults }: { rows: EntryRow[]; onRows(rows: EntryRow[]): void; rules: ActivityRules; defaults: { arrive: string; leave: string } }) {
  const { store } = useSession();
  const [walkin, setWalkin] = useState({ name: '', phone: '' });
  const [team, setTeam] = useState<string | undefined>();
  const [query, setQuery] = useState('');
  const people = store.repos.people.list();
  const index = useMemo(() => people.map((p) => searchEntry(p.id, p.name, [p.phone])), [people]);
  const found = query.trim() ? searchPeople(index, query).slice(0, 20).map((id) => store.repos.people.get(id)!) : [];
  const set = (key: string, patch: Partial<EntryRow>) => onRows(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = (list: EntryRow[]) => onRows([...rows, ...list.filter((x) => !rows.some((r) => r.key === x.key))]);
  const fromPerson = (p: (typeof people)[number]): EntryRow => ({ key: personKey(p.id), name: p.name, phone: p.phone, present: false, arrive: '', leave: '' });
  const time = (r: EntryRow, field: 'arrive' | 'leave') => (
    <Input
      data-entry-field
      aria-label={`${r.name}${field === 'arrive' ? '到达' : '离开'}时间`}
      size="small"
      style={{ width: 76 }}
      value={r[field]}
      placeholder={field === 'arrive' ? defaults.arrive : defaults.leave}
      onChange={(e) => set(r.key, { [field]: e.target.value, present: true })}
      onBlur={(e) => { const t = parseClockTime(e.target.value); if (t) set(r.key, { [field]: t }); }}
      onKeyDown={(e) => {
        if (e.key !== 'Enter') return;
        e.preventDefault();
        const t = parseClockTime((e.target as HTMLInputElement).value);
        if (t) set(r.key, { [field]: t });
        focusNext(e.target as HTMLElement);
      }}
    />
  );
  const present = rows.filter((r) => r.present);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select aria-label="按服务队加入" style={{ width: 200 }} placeholder="加入一个服务队的队员" value={team} onChange={(id) => { setTeam(id); add(people.filter((p) => p.volunteerTeamIds.includes(id)).map(fromPerson)); }} options={store.repos.volunteerTeams.list().map((t) => ({ value: t.id, label: t.name }))} />
        <Input aria-label="查找人员加入" style={{ width: 180 }} placeholder="姓名或拼音，查找后点选" value={query} onChange={(e) => setQuery(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()} />
        {found.slice(0, 6).map((p) => <Button key={p.id} size="small" onClick={() => { add([fromPerson(p)]); setQuery(''); }}>{p.name}</Button>)}
        <Input aria-label="现场参加居民姓名" style={{ width: 120 }} placeholder="现场居民姓名" value={walkin.name} onChange={(e) => setWalkin((w) => ({ ...w, name: e.target.value }))} onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()} />
        <Input aria-label="现场参加居民电话" style={{ width: 130 }} placeholder="电话（可不填）" value={walkin.phone} onChange={(e) => setWalkin((w) => ({ ...w, phone: e.target.value }))} onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()} />
        <Button disabled={!walkin.name.trim()} onClick={() => { add([{ key: walkinKey(walkin.name, walkin.phone), name: walkin.name.trim(), phone: walkin.phone.trim(), present: true, arrive: '', leave: '' }]); setWalkin({ name: '', phone: '' }); }}>加入现场居民</Button>
      </Space>
      <Table<EntryRow>
        size="small"
        rowKey="key"
        data-testid="batch-entry"
        dataSource={rows}
        pagination={false}
        scroll={{ y: 260 }}
        locale={{ emptyText: '先加入一个服务队的队员，或查找人员加入' }}
        columns={[
          { title: '序号', width: 56, render: (_, __, i) => i + 1 },
          { title: '到', width: 48, render: (_, r) => <Checkbox data-entry-field aria-label={`${r.name}到场`} checked={r.present} onChange={(e) => set(r.key, { present: e.target.checked })} onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); focusNext(e.target as HTMLElement); } }} /> },
          { title: '姓名', width: 110, render: (_, r) => r.name },
          { title: '电话', width: 120, render: (_, r) => maskPhone(r.phone) },
          { title: '到达', width: 90, render: (_, r) => time(r, 'arrive') },
          { title: '离开', width: 90, render: (_, r) => time(r, 'leave') },
          {
            title: '服务时长 / 积分',
            render: (_, r) => {
              if (!r.present) return '';
              const arrive = parseClockTime(r.arrive || defaults.arrive);
              const leave = parseClockTime(r.leave || defaults.leave);
              if (!arrive || !leave) return <Typography.Text type="danger">请填写到达和离开时间</Typography.Text>;
              if (leave <= arrive) return <Typography.Text type="danger">离开应晚于到达</Typography.Text>;
              const worth = attendanceWorth({ name: r.name, present: true, arrive, leave }, rules);
              const outside = timeOutsideActivity(arrive, leave, { startTime: defaults.arrive, endTime: defaults.leave });
              return (
                <Space direction="vertical" size={0}>
                  <span>{worth.hours} 小时 / {worth.points} 分{worth.pointHours < worth.hours ? `（积分按 ${worth.pointHours} 小时计）` : ''}</span>
                  {outside && <Typography.Text type="warning" data-testid="time-outside">{outside}</Typography.Text>}
                </Space>
              );
            },
          },
        ]}
      />
      <Typography.Text type="secondary">
        已勾选 {present.length} 人。时间留空按活动时间（{defaults.arrive || '—'}–{defaults.leave || '—'}）计；按回车到下一格。服务时长按签到时间计；积分每次活动最多按 {rules.capHoursPerActivity || '不限'} 小时计，往返路途不计。
      </Typography.Text>
    </Space>
  );
}
