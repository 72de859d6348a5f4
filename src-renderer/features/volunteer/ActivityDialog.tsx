import { Alert, App as AntApp, Button, Col, DatePicker, Form, Input, Modal, Row, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ValidationError } from '../../../src-shared/errors';
import { serviceSignInSheet } from '../../../src-shared/print/volunteerPrints';
import { ORGANISER_KINDS, type ServiceAttendance } from '../../../src-shared/records/volunteer/serviceActivitySchema';
import { activityRules, parseClockTime } from '../../../src-shared/records/volunteer/pointRules';
import { settleActivity } from '../../../src-shared/records/volunteer/volunteerLedger';
import { errorText } from '../../app/errorText';
import { formKeys } from '../../app/formKeys';
import { today } from '../../app/saveBytes';
import { useSession } from '../../app/storeContext';
import { PrintPreview } from '../print/PrintPreview';
import { BatchEntry } from './BatchEntry';
import { readSignInSheet, type EntryRow } from '../../../src-shared/records/volunteer/activityEntry';
import { participantOf } from './volunteerModel';

export interface LastBatch {
  activityId: string;
  title: string;
  count: number;
  /** The attendance before this entry; null when the entry created the activity. */
  before: Record<string, ServiceAttendance> | null;
}

type Activity = NonNullable<ReturnType<ReturnType<typeof useSession>['store']['repos']['serviceActivities']['get']>>;

/**
 * A service activity and its sign-in sheet entered in one pass. Saving writes the attendance and posts the points in
 * one transaction; every bad row is named and nothing is written until all are right.
 */
export function ActivityDialog({ activity, onClose, onSaved }: { activity?: Activity; onClose(): void; onSaved(batch: LastBatch): void }) {
  const { store } = useSession();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [problems, setProblems] = useState<string[]>([]);
  const [printing, setPrinting] = useState(false);
  const [rows, setRows] = useState<EntryRow[]>(() =>
    Object.entries(activity?.attendance ?? {}).map(([key, e]) => ({ key, name: e.name, phone: e.phone || participantOf(store, key).phone, present: e.present, arrive: e.arrive, leave: e.leave })),
  );
  const category: string = Form.useWatch('category', form) ?? activity?.category ?? '';
  const startTime: string = Form.useWatch('startTime', form) ?? activity?.startTime ?? '';
  const endTime: string = Form.useWatch('endTime', form) ?? activity?.endTime ?? '';
  const rules = activity?.rules ?? activityRules(store.settings.pointRules(), category);
  const organiserKind: string = Form.useWatch('organiserKind', form) ?? activity?.organiserKind ?? '社区';
  const organiserOptions = organiserKind === '志愿服务队' ? store.repos.volunteerTeams.list() : organiserKind === '驻区单位' ? store.repos.residentUnits.list() : organiserKind === '共建项目' ? store.repos.activities.list().map((a) => ({ id: a.id, name: a.title })) : organiserKind === '吹哨报到' ? store.repos.whistles.list().map((w) => ({ id: w.id, name: w.title })) : [];

  const save = (v: Record<string, unknown>) => {
    const date = (v.date as dayjs.Dayjs).format('YYYY-MM-DD');
    const start = parseClockTime(String(v.startTime ?? '')) ?? '';
    const end = parseClockTime(String(v.endTime ?? '')) ?? '';
    const { attendance, problems: found } = readSignInSheet(rows, { date, startTime: start, endTime: end }, today());
    setProblems(found);
    if (found.length > 0) return;
    const input = {
      title: String(v.title ?? ''), date, startTime: start, endTime: end, place: String(v.place ?? ''), organiserKind: v.organiserKind as Activity['organiserKind'],
      organiserId: String(v.organiserId ?? ''), category: String(v.category ?? ''), note: String(v.note ?? ''),
    };
    try {
      let id = activity?.id ?? '';
      store.doc.transact(() => {
        if (activity) store.repos.serviceActivities.update(activity.id, { ...input, attendance });
        else id = store.repos.serviceActivities.create({ ...input, attendance, rules }).id;
        settleActivity(store.repos, id, today());
      });
      const count = rows.filter((r) => r.present).length;
      void message.success(`已保存「${input.title}」：${count} 人到场，积分已入账`);
      onSaved({ activityId: id, title: input.title, count, before: activity ? activity.attendance : null });
      onClose();
    } catch (error) {
      if (error instanceof ValidationError) setProblems(error.problems.map((p) => `${p.label}：${p.message}`));
      void message.error(errorText(error));
    }
  };

  const organiserName = () => (organiserKind === '社区' ? store.info?.name ?? '社区' : organiserOptions.find((o) => o.id === form.getFieldValue('organiserId'))?.name ?? organiserKind);
  return (
    <Modal
      open
      title={activity ? `志愿服务活动：${activity.title}` : '新建志愿服务活动'}
      width={1000}
      style={{ top: 24 }}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={() => setPrinting(true)}>打印签到表</Button>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" onClick={() => form.submit()}>保存并计分</Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={save} onKeyDown={formKeys(() => form.submit())} onValuesChange={() => setProblems([])}
        initialValues={{ organiserKind: '社区', ...activity, date: dayjs(activity?.date ?? today()) }}>
        <Row gutter={12}>
          <Col span={8}><Form.Item name="title" label="活动名称" rules={[{ required: true, message: '请填写活动名称，例如：清扫楼道' }]}><Input aria-label="活动名称" /></Form.Item></Col>
          <Col span={5}><Form.Item name="date" label="日期"><DatePicker aria-label="活动日期" allowClear={false} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={3}><Form.Item name="startTime" label="开始"><Input aria-label="活动开始时间" placeholder="8:30" /></Form.Item></Col>
          <Col span={3}><Form.Item name="endTime" label="结束"><Input aria-label="活动结束时间" placeholder="10:30" /></Form.Item></Col>
          <Col span={5}><Form.Item name="category" label="服务类别"><Select aria-label="服务类别" options={store.settings.list('serviceTeams').map((c) => ({ value: c, label: c }))} /></Form.Item></Col>
          <Col span={8}><Form.Item name="place" label="地点"><Input aria-label="活动地点" /></Form.Item></Col>
          <Col span={5}><Form.Item name="organiserKind" label="组织方"><Select aria-label="组织方类别" options={ORGANISER_KINDS.map((k) => ({ value: k, label: k }))} /></Form.Item></Col>
          {organiserKind !== '社区' && <Col span={11}><Form.Item name="organiserId" label="组织方名称"><Select aria-label="组织方名称" showSearch optionFilterProp="label" options={organiserOptions.map((o) => ({ value: o.id, label: o.name }))} /></Form.Item></Col>}
        </Row>
      </Form>
      {problems.length > 0 && <Alert style={{ marginBottom: 8 }} type="error" showIcon data-testid="activity-problems" message="未保存：请改正以下内容" description={problems.map((p) => <div key={p}>{p}</div>)} />}
      <BatchEntry rows={rows} onRows={setRows} rules={rules} defaults={{ arrive: parseClockTime(startTime) ?? '', leave: parseClockTime(endTime) ?? '' }} />
      {printing && (
        <PrintPreview
          onClose={() => setPrinting(false)}
          note="签到表按名单顺序，电话部分隐藏；现场参加的居民写在空白行。"
          build={(paper, orientation) => ({
            ...serviceSignInSheet(store.info?.name ?? '', { id: activity?.id ?? 'new', title: form.getFieldValue('title') || '志愿服务活动', date: (form.getFieldValue('date') as dayjs.Dayjs).format('YYYY-MM-DD'), startTime: parseClockTime(startTime) ?? '', endTime: parseClockTime(endTime) ?? '', place: form.getFieldValue('place') ?? '', organiser: organiserName(), category }, rows.map((r) => ({ name: r.name, phone: r.phone }))),
            paper, orientation,
          })}
        />
      )}
    </Modal>
  );
}
