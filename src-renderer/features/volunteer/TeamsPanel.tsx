import { Button, Descriptions, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { teamRoster } from '../../../src-shared/print/volunteerPrints';
import { maskPhone } from '../../../src-shared/privacy/mask';
import { useSession } from '../../app/storeContext';
import { useLiveList } from '../../app/useLive';
import { useRun } from '../../app/useRun';
import { PrintPreview } from '../print/PrintPreview';

/** 志愿服务队: a team's leader and members (people of the rosters), added and removed here, and its printed roster. */
export function TeamsPanel() {
  const { store } = useSession();
  const run = useRun();
  const teams = useLiveList(store.repos.volunteerTeams);
  const people = useLiveList(store.repos.people);
  const [teamId, setTeamId] = useState<string | undefined>(teams[0]?.id);
  const [adding, setAdding] = useState<string[]>([]);
  const [printing, setPrinting] = useState(false);
  const team = teams.find((t) => t.id === teamId);
  const members = team ? people.filter((p) => p.volunteerTeamIds.includes(team.id)) : [];
  const join = () => {
    if (!team) return;
    const done = run(() => store.doc.transact(() => {
      for (const id of adding) {
        const p = store.repos.people.get(id)!;
        // A member of a team is a volunteer.
        store.repos.people.update(id, { volunteerTeamIds: [...p.volunteerTeamIds, team.id], roles: p.roles.includes('志愿者') ? p.roles : [...p.roles, '志愿者'] });
      }
    }), `已将 ${adding.length} 人加入「${team.name}」`);
    if (done) setAdding([]);
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select aria-label="服务队" style={{ width: 220 }} placeholder="选择服务队（在“驻区单位与服务队”中新增）" value={teamId} onChange={setTeamId} options={teams.map((t) => ({ value: t.id, label: t.name }))} />
        <Select aria-label="加入队员" mode="multiple" showSearch optionFilterProp="label" style={{ minWidth: 320 }} placeholder="从名册选择要加入的人" value={adding} onChange={setAdding} disabled={!team}
          options={people.filter((p) => team && !p.volunteerTeamIds.includes(team.id)).map((p) => ({ value: p.id, label: `${p.name} ${maskPhone(p.phone)}` }))} />
        <Button disabled={!team || adding.length === 0} onClick={join}>加入服务队</Button>
        <Button disabled={!team} onClick={() => setPrinting(true)}>打印花名册</Button>
      </Space>
      {team && (
        <Descriptions size="small" bordered column={3}>
          <Descriptions.Item label="服务类别">{team.service || '—'}</Descriptions.Item>
          <Descriptions.Item label="队长">{team.leaderName || '—'}</Descriptions.Item>
          <Descriptions.Item label="队员">{members.length} 人</Descriptions.Item>
        </Descriptions>
      )}
      <Table
        size="small"
        rowKey="id"
        data-testid="team-members"
        dataSource={members}
        pagination={{ pageSize: 15, showSizeChanger: false }}
        locale={{ emptyText: team ? '这个服务队还没有队员' : '先选择服务队' }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '电话', render: (_, p) => maskPhone(p.phone) },
          { title: '特长', dataIndex: 'skills' },
          { title: '', width: 100, render: (_, p) => <Button size="small" onClick={() => run(() => store.repos.people.update(p.id, { volunteerTeamIds: p.volunteerTeamIds.filter((t) => t !== team!.id) }), `已将${p.name}移出「${team!.name}」`)}>移出</Button> },
        ]}
      />
      {printing && team && (
        <PrintPreview onClose={() => setPrinting(false)} build={(paper, orientation) => ({ ...teamRoster(store.info?.name ?? '', team, members.map((m) => ({ name: m.name, phone: m.phone, skills: m.skills }))), paper, orientation })} />
      )}
    </Space>
  );
}
