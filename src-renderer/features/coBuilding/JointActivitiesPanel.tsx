import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { activityUnitIds } from '../../../src-shared/records/coBuilding/coBuildingSchemas';
import { formKeys } from '../../app/formKeys';
import { useSession } from '../../app/storeContext';
import { useLiveList } from '../../app/useLive';
import { useRun } from '../../app/useRun';

/**
 * 共建活动 (实绩送到): joint activities with the units and people that took part, each linked to the project or whistle
 * it serves; each person's hours and points stay in the linked 志愿服务 activity.
 */
export function JointActivitiesPanel() {
  const { store } = useSession();
  const run = useRun();
  const activities = useLiveList(store.repos.activities);
  const units = useLiveList(store.repos.residentUnits);
  const [adding, setAdding] = useState(false);
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? '';
  const sorted = [...activities].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>登记共建活动</Button>
      <Table size="small" rowKey="id" data-testid="joint-activities" dataSource={sorted} pagination={{ pageSize: 15, showSizeChanger: false }} locale={{ emptyText: '还没有共建活动' }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 100 },
          { title: '活动', dataIndex: 'title' },
          { title: '参与单位', render: (_, a) => activityUnitIds(a).map(unitName).filter(Boolean).join('、') },
          { title: '参与人员', width: 160, render: (_, a) => { const names = a.personIds.map((id) => store.repos.people.get(id)?.name).filter(Boolean); return names.length ? `${names.slice(0, 3).join('、')}${names.length > 3 ? ` 等${names.length}人` : ''}` : a.participants ? `${a.participants} 人` : '—'; } },
          {
            title: '服务于', render: (_, a) => (
              <Space size={4} wrap>
                {a.projectId && <Tag color="blue">项目：{store.repos.coProjects.get(a.projectId)?.title ?? '已删除'}</Tag>}
                {a.whistleId && <Tag color="orange">吹哨：{store.repos.whistles.get(a.whistleId)?.title ?? '已删除'}</Tag>}
              </Space>
            ),
          },
          { title: '时长与积分', width: 160, render: (_, a) => (a.serviceActivityId ? `见志愿服务「${store.repos.serviceActivities.get(a.serviceActivityId)?.title ?? '已删除'}」` : '—') },
          { title: '实绩', dataIndex: 'result' },
          {
            title: '', width: 70,
            render: (_, a) => (
              <Popconfirm title={`删除共建活动「${a.title}」？删除后可在历史中查到，考核随之更新`} okText="删除" cancelText="取消" onConfirm={() => run(() => store.repos.activities.delete(a.id), `已删除「${a.title}」`)}>
                <Button size="small" danger>删除</Button>
              </Popconfirm>
            ),
          },
        ]} />
      {adding && <ActivityDialog onClose={() => setAdding(false)} />}
    </Space>
  );
}

function ActivityDialog({ onClose }: { onClose(): void }) {
  const { store } = useSession();
  const run = useRun();
  const [form] = Form.useForm();
  const units = store.repos.residentUnits.list().map((u) => ({ value: u.id, label: u.name }));
  const save = (v: Record<string, unknown>) => {
    const text = (k: string) => String(v[k] ?? '');
    const list = (k: string) => (v[k] as string[] | undefined) ?? [];
    const personIds = list('personIds');
    const done = run(() => store.repos.activities.create({
      title: text('title'), date: v.date ? (v.date as dayjs.Dayjs).format('YYYY-MM-DD') : '', place: text('place'), unitId: text('unitId'), unitIds: list('unitIds').filter((id) => id !== text('unitId')),
      personIds, participants: Math.max(Number(v.participants ?? 0), personIds.length), projectId: text('projectId'), whistleId: text('whistleId'), serviceActivityId: text('serviceActivityId'), result: text('result'),
    }), `已登记共建活动「${text('title')}」`);
    if (done) onClose();
  };
  return (
    <Modal open title="登记共建活动" okText="保存" cancelText="取消" width={760} onCancel={onClose} onOk={() => form.submit()}>
      <Form form={form} layout="vertical" onFinish={save} onKeyDown={formKeys(() => form.submit())} initialValues={{ date: dayjs() }}>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="title" label="活动名称"><Input aria-label="共建活动名称" /></Form.Item></Col>
          <Col span={6}><Form.Item name="date" label="日期"><DatePicker aria-label="共建活动日期" allowClear={false} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={6}><Form.Item name="place" label="地点"><Input aria-label="共建活动地点" /></Form.Item></Col>
          <Col span={10}><Form.Item name="unitId" label="牵头单位"><Select aria-label="共建活动牵头单位" allowClear showSearch optionFilterProp="label" options={units} /></Form.Item></Col>
          <Col span={14}><Form.Item name="unitIds" label="参与单位"><Select aria-label="共建活动参与单位" mode="multiple" showSearch optionFilterProp="label" options={units} /></Form.Item></Col>
          <Col span={18}><Form.Item name="personIds" label="参与人员（名册中的党员、志愿者）"><Select aria-label="共建活动参与人员" mode="multiple" showSearch optionFilterProp="label" options={store.repos.people.pick(['name']).map((p) => ({ value: p.id, label: p.name }))} /></Form.Item></Col>
          <Col span={6}><Form.Item name="participants" label="参与总人数"><InputNumber aria-label="参与总人数" min={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={8}><Form.Item name="projectId" label="服务的共建项目"><Select aria-label="服务的共建项目" allowClear showSearch optionFilterProp="label" options={store.repos.coProjects.list().map((p) => ({ value: p.id, label: p.title }))} /></Form.Item></Col>
          <Col span={8}><Form.Item name="whistleId" label="服务的吹哨事项"><Select aria-label="服务的吹哨事项" allowClear showSearch optionFilterProp="label" options={store.repos.whistles.list().map((w) => ({ value: w.id, label: `${w.date} ${w.title}` }))} /></Form.Item></Col>
          <Col span={8}><Form.Item name="serviceActivityId" label="志愿服务活动（记时长）"><Select aria-label="对应的志愿服务活动" allowClear showSearch optionFilterProp="label" options={store.repos.serviceActivities.list().sort((a, b) => b.date.localeCompare(a.date)).slice(0, 500).map((a) => ({ value: a.id, label: `${a.date} ${a.title}` }))} /></Form.Item></Col>
          <Col span={24}><Form.Item name="result" label="活动实绩"><Input.TextArea aria-label="活动实绩" rows={2} placeholder="例如：为12户独居老人检修水电" /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}
