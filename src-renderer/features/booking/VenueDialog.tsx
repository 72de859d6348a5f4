import { App as AntApp, Button, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { ValidationError } from '../../../src-shared/errors';
import { DEFAULT_BOOKING_RULES } from '../../../src-shared/records/booking/venueSchema';
import { maskPhone } from '../../../src-shared/privacy/mask';
import { errorText } from '../../app/errorText';
import { blockEnterSubmit, formKeys } from '../../app/formKeys';
import { useSession } from '../../app/storeContext';
import { today } from '../../app/saveBytes';
import type { Venue } from './bookingModel';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** A venue or a bookable service: owner, capacity, equipment, the weekdays it is closed, closures and its rules. */
export function VenueDialog({ venue, onClose }: { venue?: Venue; onClose(): void }) {
  const { store } = useSession();
  const { message, modal } = AntApp.useApp();
  const [form] = Form.useForm();
  const [closures, setClosures] = useState(venue?.closures ?? []);
  const [closure, setClosure] = useState({ from: '', to: '', reason: '' });
  const closedDays = Object.entries(venue?.openingHours ?? {}).filter(([, span]) => span === null).map(([d]) => d);
  const rules = { ...DEFAULT_BOOKING_RULES, ...venue?.rules };
  const save = (v: Record<string, unknown>) => {
    try {
      const closed = (v.closedDays as string[] | undefined) ?? [];
      const input = {
        name: String(v.name ?? ''), kind: v.kind as Venue['kind'], ownerUnitId: String(v.ownerUnitId ?? ''), address: String(v.address ?? ''),
        capacity: Number(v.capacity ?? 0), equipment: (v.equipment as string[] | undefined) ?? [], needsApproval: Boolean(v.needsApproval),
        openingHours: Object.fromEntries(closed.map((d) => [d, null])), closures,
        rules: { earliest: Number(v.earliest), latest: Number(v.latest), maxHours: Number(v.maxHours), maxPerMonth: Number(v.maxPerMonth), minNoticeHours: Number(v.minNoticeHours), maxDaysAhead: Number(v.maxDaysAhead) },
        note: String(v.note ?? ''),
      };
      if (venue) store.repos.venues.update(venue.id, input as never);
      else store.repos.venues.create(input as never);
      void message.success(`已保存「${input.name}」`);
      onClose();
    } catch (error) {
      if (error instanceof ValidationError) form.setFields(error.problems.map((p) => ({ name: p.field || 'name', errors: [`${p.label}：${p.message}`] })));
      void message.error(errorText(error));
    }
  };
  /** A venue with bookings still to come is not deleted: the clerk gets the list to call or move first. */
  const remove = () => {
    if (!venue) return;
    const ahead = store.repos.bookings.list().filter((b) => b.venueId === venue.id && b.status !== '已取消' && b.date >= today()).sort((a, b) => a.date.localeCompare(b.date));
    if (ahead.length > 0) {
      modal.error({
        title: `「${venue.name}」还有 ${ahead.length} 个未来的预约，不能删除`,
        content: <div data-testid="venue-delete-refused">请先改约到其他场地或取消（写明原因）：{ahead.map((b) => <div key={b.id}>{b.date} {b.startHour}:00–{b.endHour}:00 {b.booker} {maskPhone(b.phone)}</div>)}</div>,
        okText: '知道了',
      });
      return;
    }
    modal.confirm({
      title: `删除「${venue.name}」？`,
      content: '删除后不能再预约；已有的预约记录保留。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => {
        try {
          store.repos.venues.delete(venue.id);
          void message.success(`已删除「${venue.name}」`);
          onClose();
        } catch (error) {
          void message.error(errorText(error));
        }
      },
    });
  };

  return (
    <Modal
      open
      title={venue ? `场地：${venue.name}` : '新增场地或服务'}
      width={820}
      onCancel={onClose}
      footer={
        <Space>
          {venue && <Button danger onClick={remove}>删除场地</Button>}
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" onClick={() => form.submit()}>保存</Button>
        </Space>
      }
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        onKeyDown={formKeys(() => form.submit())}
        initialValues={{ kind: '场地', capacity: 0, equipment: [], needsApproval: false, ...venue, closedDays, ...rules }}
      >
        <Row gutter={12}>
          <Col span={10}><Form.Item name="name" label="名称"><Input aria-label="场地名称" placeholder="例如：党群活动室" /></Form.Item></Col>
          <Col span={6}><Form.Item name="kind" label="类别"><Select aria-label="类别" options={['场地', '上门服务', '错时延时服务'].map((k) => ({ value: k, label: k }))} /></Form.Item></Col>
          <Col span={8}><Form.Item name="ownerUnitId" label="所属（不选为本社区）"><Select aria-label="所属驻区单位" allowClear options={store.repos.residentUnits.list().map((u) => ({ value: u.id, label: u.name }))} /></Form.Item></Col>
          <Col span={10}><Form.Item name="address" label="地址"><Input aria-label="地址" /></Form.Item></Col>
          <Col span={4}><Form.Item name="capacity" label="容纳人数"><InputNumber aria-label="容纳人数" min={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={10}><Form.Item name="equipment" label="设备"><Select aria-label="设备" mode="tags" placeholder="投影、音响、桌椅…" /></Form.Item></Col>
          <Col span={24}><Form.Item name="closedDays" label="每周不开放"><Checkbox.Group options={WEEKDAYS.map((w, i) => ({ value: String(i + 1), label: `星期${w}` }))} /></Form.Item></Col>
          <Col span={4}><Form.Item name="earliest" label="最早几点"><InputNumber aria-label="最早可约" min={0} max={24} /></Form.Item></Col>
          <Col span={4}><Form.Item name="latest" label="最晚几点"><InputNumber aria-label="最晚可约" min={0} max={24} /></Form.Item></Col>
          <Col span={4}><Form.Item name="maxHours" label="每次最多小时"><InputNumber aria-label="每次最多小时" min={1} max={24} /></Form.Item></Col>
          <Col span={4}><Form.Item name="maxPerMonth" label="每人每月次数"><InputNumber aria-label="每人每月最多次数" min={0} max={100} /></Form.Item></Col>
          <Col span={4}><Form.Item name="minNoticeHours" label="至少提前小时"><InputNumber aria-label="至少提前小时" min={0} /></Form.Item></Col>
          <Col span={4}><Form.Item name="maxDaysAhead" label="最多提前天数"><InputNumber aria-label="最多提前天数" min={1} max={366} /></Form.Item></Col>
          <Col span={24}><Form.Item name="needsApproval" valuePropName="checked"><Checkbox>预约须经所属单位或社区审批</Checkbox></Form.Item></Col>
        </Row>
        <Typography.Text strong>暂停开放（节假日、维修）</Typography.Text>
        {closures.map((c, i) => (
          <div key={`${c.from}-${i}`}>
            {c.from} 至 {c.to}：{c.reason} <Button size="small" type="link" onClick={() => setClosures((list) => list.filter((_, j) => j !== i))}>删除</Button>
          </div>
        ))}
        <Space style={{ marginTop: 4 }}>
          <Input aria-label="暂停开始日期" placeholder="2026-05-01" style={{ width: 120 }} value={closure.from} onChange={(e) => setClosure((c) => ({ ...c, from: e.target.value.trim() }))} onKeyDown={blockEnterSubmit} />
          <Input aria-label="暂停结束日期" placeholder="2026-05-05" style={{ width: 120 }} value={closure.to} onChange={(e) => setClosure((c) => ({ ...c, to: e.target.value.trim() }))} onKeyDown={blockEnterSubmit} />
          <Input aria-label="暂停原因" placeholder="原因，例如：劳动节" style={{ width: 160 }} value={closure.reason} onChange={(e) => setClosure((c) => ({ ...c, reason: e.target.value }))} onKeyDown={blockEnterSubmit} />
          <Button
            disabled={!closure.from || !closure.reason.trim()}
            onClick={() => {
              const booked = store.repos.bookings.list().filter((b) => b.venueId === venue?.id && b.status !== '已取消' && b.date >= closure.from && b.date <= (closure.to || closure.from));
              if (booked.length > 0) {
                modal.info({ title: `这段时间已有 ${booked.length} 个预约，请逐一电话通知`, content: booked.map((b) => <div key={b.id}>{b.date} {b.startHour}:00–{b.endHour}:00 {b.booker} {maskPhone(b.phone)}</div>), okText: '知道了' });
              }
              setClosures((list) => [...list, { ...closure, to: closure.to || closure.from }]);
              setClosure({ from: '', to: '', reason: '' });
            }}
          >
            添加暂停
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
