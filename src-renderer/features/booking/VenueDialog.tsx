import { App as AntApp, Button, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ValidationError } from '../../../src-shared/errors';
import { DEFAULT_BOOKING_RULES } from '../../../src-shared/records/booking/venueSchema';
import { maskPhone } from '../../../src-shared/privacy/mask';
import { errorText } from '../../app/errorText';
import { blockEnterSubmit, formKeys } from '../../app/formKeys';
import { useSession } from '../../app/storeContext';
import { today } from '../../app/saveBytes';
import { allBookingFacts, type Venue } from './bookingModel';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const HOURS = Array.from({ length: 25 }, (_, h) => ({ value: h, label: `${h}:00` }));

/** A venue or a bookable service: owner, capacity, equipment, the weekdays it is closed, closures and its rules. */
export function VenueDialog({ venue, onClose }: { venue?: Venue; onClose(): void }) {
  const { store } = useSession();
  const { message, modal } = AntApp.useApp();
  const [form] = Form.useForm();
  const [closures, setClosures] = useState(venue?.closures ?? []);
  const rules = { ...DEFAULT_BOOKING_RULES, ...venue?.rules };
  // Each weekday: closed (null) or its own hours; a weekday left at the venue's earliest–latest is not stored.
  const [weekHours, setWeekHours] = useState<Record<string, [number, number] | null>>(() =>
    Object.fromEntries(WEEKDAYS.map((_, i) => { const day = String(i + 1); const span = (venue?.openingHours as Record<string, [number, number] | null | undefined> | undefined)?.[day]; return [day, span === null ? null : span ? [span[0], span[1]] : [rules.earliest, rules.latest]]; })),
  );
  const [closureRange, setClosureRange] = useState<[string, string] | null>(null);
  const [closureReason, setClosureReason] = useState('');
  /** The venue's bookings that hold a slot between two dates, read in full (found through the facts index). */
  const bookingsOf = (venueId: string, from: string, to: string) =>
    allBookingFacts(store.repos.bookings)
      .filter((b) => b.venueId === venueId && b.status !== '已取消' && b.date >= from && b.date <= to)
      .map((b) => store.repos.bookings.get(b.id)!)
      .sort((a, b) => a.date.localeCompare(b.date) || a.startHour - b.startHour);
  const save = (v: Record<string, unknown>) => {
    try {
      const earliest = Number(v.earliest);
      const latest = Number(v.latest);
      const input = {
        name: String(v.name ?? ''), kind: v.kind as Venue['kind'], ownerUnitId: String(v.ownerUnitId ?? ''), address: String(v.address ?? ''),
        capacity: Number(v.capacity ?? 0), equipment: (v.equipment as string[] | undefined) ?? [], needsApproval: Boolean(v.needsApproval),
        openingHours: Object.fromEntries(Object.entries(weekHours).filter(([, span]) => span === null || span[0] !== earliest || span[1] !== latest)),
        closures,
        rules: { earliest, latest, maxHours: Number(v.maxHours), maxPerMonth: Number(v.maxPerMonth), minNoticeHours: Number(v.minNoticeHours), maxDaysAhead: Number(v.maxDaysAhead) },
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
    const ahead = bookingsOf(venue.id, today(), '9999-12-31');
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
        initialValues={{ kind: '场地', capacity: 0, equipment: [], needsApproval: false, ...venue, ...rules }}
      >
        <Row gutter={12}>
          <Col span={10}><Form.Item name="name" label="名称"><Input aria-label="场地名称" placeholder="例如：党群活动室" /></Form.Item></Col>
          <Col span={6}><Form.Item name="kind" label="类别"><Select aria-label="类别" options={['场地', '上门服务', '错时延时服务'].map((k) => ({ value: k, label: k }))} /></Form.Item></Col>
          <Col span={8}><Form.Item name="ownerUnitId" label="所属（不选为本社区）"><Select aria-label="所属驻区单位" allowClear options={store.repos.residentUnits.list().map((u) => ({ value: u.id, label: u.name }))} /></Form.Item></Col>
          <Col span={10}><Form.Item name="address" label="地址"><Input aria-label="地址" /></Form.Item></Col>
          <Col span={4}><Form.Item name="capacity" label="容纳人数"><InputNumber aria-label="容纳人数" min={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={10}><Form.Item name="equipment" label="设备"><Select aria-label="设备" mode="tags" placeholder="投影、音响、桌椅…" /></Form.Item></Col>
          <Col span={4}><Form.Item name="earliest" label="最早几点"><InputNumber aria-label="最早可约" min={0} max={24} /></Form.Item></Col>
          <Col span={4}><Form.Item name="latest" label="最晚几点"><InputNumber aria-label="最晚可约" min={0} max={24} /></Form.Item></Col>
          <Col span={4}><Form.Item name="maxHours" label="每次最多小时"><InputNumber aria-label="每次最多小时" min={1} max={24} /></Form.Item></Col>
          <Col span={4}><Form.Item name="maxPerMonth" label="每人每月次数"><InputNumber aria-label="每人每月最多次数" min={0} max={100} /></Form.Item></Col>
          <Col span={4}><Form.Item name="minNoticeHours" label="至少提前小时"><InputNumber aria-label="至少提前小时" min={0} /></Form.Item></Col>
          <Col span={4}><Form.Item name="maxDaysAhead" label="最多提前天数"><InputNumber aria-label="最多提前天数" min={1} max={366} /></Form.Item></Col>
          <Col span={24}><Form.Item name="needsApproval" valuePropName="checked"><Checkbox>预约须经所属单位或社区审批</Checkbox></Form.Item></Col>
        </Row>
        <Typography.Text strong>每周开放时间</Typography.Text>
        <table className="weekday-hours" data-testid="weekday-hours">
          <tbody>
            <tr>
              {WEEKDAYS.map((w, i) => {
                const day = String(i + 1);
                const span = weekHours[day];
                const setSpan = (next: [number, number] | null) => setWeekHours((h) => ({ ...h, [day]: next }));
                return (
                  <td key={day}>
                    <Checkbox checked={span !== null} onChange={(e) => setSpan(e.target.checked ? [rules.earliest, rules.latest] : null)}>星期{w}</Checkbox>
                    {span ? (
                      <div>
                        <Select aria-label={`星期${w}开门`} size="small" style={{ width: 76 }} value={span[0]} onChange={(h) => setSpan([h, span[1]])} options={HOURS} />
                        <Select aria-label={`星期${w}关门`} size="small" style={{ width: 76 }} value={span[1]} onChange={(h) => setSpan([span[0], h])} options={HOURS} />
                      </div>
                    ) : <div className="closed-day">不开放</div>}
                  </td>
                );
              })}
            </tr>
          </tbody>
        </table>
        <Typography.Text strong>暂停开放（节假日、维修）</Typography.Text>
        {closures.map((c, i) => (
          <div key={`${c.from}-${i}`}>
            {c.from} 至 {c.to}：{c.reason} <Button size="small" type="link" onClick={() => setClosures((list) => list.filter((_, j) => j !== i))}>删除</Button>
          </div>
        ))}
        <Space style={{ marginTop: 4 }}>
          <DatePicker.RangePicker aria-label="暂停日期" value={closureRange ? [dayjs(closureRange[0]), dayjs(closureRange[1])] : null} onChange={(r) => setClosureRange(r?.[0] && r[1] ? [r[0].format('YYYY-MM-DD'), r[1].format('YYYY-MM-DD')] : null)} />
          <Input aria-label="暂停原因" placeholder="原因，例如：劳动节" style={{ width: 160 }} value={closureReason} onChange={(e) => setClosureReason(e.target.value)} onKeyDown={blockEnterSubmit} />
          <Button
            disabled={!closureRange || !closureReason.trim()}
            onClick={() => {
              if (!closureRange) return;
              const [from, to] = closureRange;
              // A closure over bookings already made: the clerk gets everyone to call (the bookings stay until moved or cancelled).
              const booked = venue ? bookingsOf(venue.id, from, to) : [];
              if (booked.length > 0) {
                modal.info({ title: `这段时间已有 ${booked.length} 个预约，请逐一电话通知`, content: <div data-testid="closure-affected">{booked.map((b) => <div key={b.id}>{b.date} {b.startHour}:00–{b.endHour}:00 {b.booker} {maskPhone(b.phone)}</div>)}</div>, okText: '知道了' });
              }
              setClosures((list) => [...list, { from, to, reason: closureReason.trim() }]);
              setClosureRange(null);
              setClosureReason('');
            }}
          >
            添加暂停
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
