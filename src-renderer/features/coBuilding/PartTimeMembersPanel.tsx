import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Form, Input, List, Modal, Row, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { partTimeAttendance } from '../../../src-shared/records/coBuilding/coBuildingRules';
import { inTerm } from '../../../src-shared/records/coBuilding/partTimeMemberSchema';
import { useAskText } from '../../app/askText';
import { formKeys } from '../../app/formKeys';
import { today } from '../../app/saveBytes';
import { useSession } from '../../app/storeContext';
import { useLiveList } from '../../app/useLive';
import { useRun } from '../../app/useRun';

/**
 * 兼职委员: units' people appointed to the community Party committee, their terms and duties, and their attendance at
 * 党建联席会议 during the term, read from the meeting records.
 */
export function PartTimeMembersPanel() {
  const { store } = useSession();
  const run = useRun();
  const askText = useAskText();
  const members = useLiveList(store.repos.partTimeMembers);
  const units = useLiveList(store.repos.residentUnits);
  const meetings = useLiveList(store.repos.meetings);
  const joint = useMemo(() => meetings.filter((m) => m.meetingType === '党建联席会议'), [meetings]);
  const [adding, setAdding] = useState(false);
  const [showing, setShowing] = useState<string | null>(null);
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? '（单位已删除）';
  const status = (m: (typeof members)[number]) => (m.endedOn ? '已免职' : inTerm(m, today()) ? '在任' : m.appointedOn > today() ? '未到任' : '任期届满');
  const end = (id: string, name: string) =>
    askText({ title: `${name}免职`, label: '免职日期', initial: today(), okText: '免职', required: '请填写免职日期，例如 2026-11-26', act: (date) => run(() => store.repos.partTimeMembers.update(id, { endedOn: date }), `${name}已免职`) });
  const shown = members.find((m) => m.id === showing);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>聘任兼职委员</Button>
      <Table size="small" rowKey="id" data-testid="part-time-members" dataSource={members} pagination={{ pageSize: 15, showSizeChanger: false }} locale={{ emptyText: '还没有兼职委员' }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '所在单位及职务', render: (_, m) => `${unitName(m.unitId)}${m.unitPost ? ` ${m.unitPost}` : ''}` },
          { title: '任期', width: 200, render: (_, m) => `${m.appointedOn} 至 ${m.endedOn ? `${m.endedOn}（免职）` : m.termEnd || '—'}` },
          { title: '分工职责', dataIndex: 'duties' },
          { title: '状态', width: 90, render: (_, m) => <Tag color={status(m) === '在任' ? 'green' : 'default'}>{status(m)}</Tag> },
          { title: '联席会议出席', width: 120, render: (_, m) => { const a = partTimeAttendance(m, joint); return <a data-testid="joint-attendance" onClick={() => setShowing(m.id)}>{a.attended} / {a.listed.length} 次</a>; } },
          { title: '', width: 80, render: (_, m) => !m.endedOn && <Button size="small" onClick={() => end(m.id, m.name)}>免职</Button> },
        ]} />
      {shown && (
        <Modal open title={`${shown.name} · 任期内党建联席会议`} footer={null} onCancel={() => setShowing(null)}>
          <List size="small" dataSource={partTimeAttendance(shown, joint).listed} locale={{ emptyText: '任期内还没有已登记出席情况的联席会议' }} renderItem={(m) => <List.Item>{m.date} {m.title}：{m.status}</List.Item>} />
        </Modal>
      )}
      {adding && <AppointDialog onClose={() => setAdding(false)} />}
    </Space>
  );
}

function AppointDialog({ onClose }: { onClose(): void }) {
  const { store } = useSession();
  const run = useRun();
  const [form] = Form.useForm();
  const save = (v: Record<string, unknown>) => {
    const text = (k: string) => String(v[k] ?? '');
    const date = (k: string) => (v[k] ? (v[k] as dayjs.Dayjs).format('YYYY-MM-DD') : '');
    if (run(() => store.repos.partTimeMembers.create({ name: text('name'), unitId: text('unitId'), unitPost: text('unitPost'), phone: text('phone'), appointedOn: date('appointedOn'), termEnd: date('termEnd'), duties: text('duties') }), `已聘任${text('name')}为兼职委员`)) onClose();
  };
  return (
    <Modal open title="聘任兼职委员" okText="保存" cancelText="取消" width={640} onCancel={onClose} onOk={() => form.submit()}>
      <Form form={form} layout="vertical" onFinish={save} onKeyDown={formKeys(() => form.submit())} initialValues={{ appointedOn: dayjs(), termEnd: dayjs().add(3, 'year').subtract(1, 'day') }}>
        <Row gutter={12}>
          <Col span={8}><Form.Item name="name" label="姓名"><Input aria-label="兼职委员姓名" /></Form.Item></Col>
          <Col span={16}><Form.Item name="unitId" label="所在单位"><Select aria-label="兼职委员所在单位" showSearch optionFilterProp="label" options={store.repos.residentUnits.list().map((u) => ({ value: u.id, label: u.name }))} /></Form.Item></Col>
          <Col span={8}><Form.Item name="unitPost" label="单位职务"><Input aria-label="单位职务" placeholder="例如：党委副书记" /></Form.Item></Col>
          <Col span={8}><Form.Item name="phone" label="联系电话"><Input aria-label="兼职委员电话" /></Form.Item></Col>
          <Col span={4}><Form.Item name="appointedOn" label="聘任日期"><DatePicker aria-label="聘任日期" allowClear={false} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={4}><Form.Item name="termEnd" label="任期届满"><DatePicker aria-label="任期届满" style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={24}><Form.Item name="duties" label="分工职责"><Input.TextArea aria-label="分工职责" rows={2} placeholder="例如：协调单位资源参与社区治理，联系3、4网格" /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}
