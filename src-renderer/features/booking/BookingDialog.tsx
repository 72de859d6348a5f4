import { Alert, App as AntApp, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Space } from 'antd';
import { bookingSlip } from '../../../src-shared/print/bookingPrints';
import { PrintPreview } from '../print/PrintPreview';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ValidationError } from '../../../src-shared/errors';
import { checkBooking, planSeries, recurrenceDates, type BookingFacts } from '../../../src-shared/records/booking/bookingRules';
import { bookerKeyOf } from '../../../src-shared/records/booking/bookingFacts';
import { newId } from '../../../src-shared/ids';
import { BOOKING_STATUSES } from '../../../src-shared/records/booking/bookingSchema';
import { errorText } from '../../app/errorText';
import { formKeys } from '../../app/formKeys';
import { today } from '../../app/saveBytes';
import { useSession } from '../../app/storeContext';
import { useOperatorState } from '../../app/operatorSession';
import { mayOverrideBookingRules } from '../../../src-shared/operators/operatorList';
import { allBookingFacts, venueFacts, type Booking } from './bookingModel';

export interface BookingDraft {
  venueId?: string;
  date?: string;
  startHour?: number;
  endHour?: number;
  headcount?: number;
  equipmentNeeded?: string[];
}

const hourOptions = Array.from({ length: 25 }, (_, h) => ({ value: h, label: `${h}:00` }));

/**
 * Takes a booking at the counter or on the phone: the venue, the time, who (a person, a unit, a team or a walk-in
 * resident), and the purpose. The venue's rules are checked first; a rule a clerk may override needs a reason, which
 * stays in the booking's history; the others refuse with what to do instead.
 */
export function BookingDialog({ draft, editing, onClose }: { draft?: BookingDraft; editing?: Booking; onClose(): void }) {
  const { store, operators } = useSession();
  const operator = useOperatorState(operators).current;
  const mayOverride = mayOverrideBookingRules(operator);
  const { message, modal } = AntApp.useApp();
  const [form] = Form.useForm();
  const [problems, setProblems] = useState<{ message: string; overridable: boolean }[]>([]);
  const [override, setOverride] = useState('');
  const [slip, setSlip] = useState(false);
  const kind = Form.useWatch('bookerKind', form) ?? editing?.bookerKind ?? 'walkin';
  const repeat: string = Form.useWatch('repeat', form) ?? '';
  const venues = store.repos.venues.list();
  const initial = editing
    ? { ...editing, date: dayjs(editing.date) }
    : { repeat: '', times: 4, bookerKind: 'walkin', startHour: draft?.startHour ?? 9, endHour: draft?.endHour ?? (draft?.startHour ?? 9) + 1, venueId: draft?.venueId, date: dayjs(draft?.date ?? today()), headcount: draft?.headcount ?? 0, equipmentNeeded: draft?.equipmentNeeded ?? [] };

  const save = (v: Record<string, unknown>) => {
    try {
      const venue = store.repos.venues.get(String(v.venueId ?? ''));
      if (!venue) throw new ValidationError([{ field: 'venueId', label: '场地', message: '请选择场地或服务' }]);
      const bookerKind = String(v.bookerKind) as Booking['bookerKind'];
      const bookerId = bookerKind === 'walkin' ? '' : String(v.bookerId ?? '');
      const booker =
        bookerKind === 'person' ? store.repos.people.get(bookerId)?.name
        : bookerKind === 'unit' ? store.repos.residentUnits.get(bookerId)?.name
        : bookerKind === 'team' ? store.repos.volunteerTeams.get(bookerId)?.name
        : String(v.booker ?? '').trim();
      if (!booker) throw new ValidationError([{ field: 'booker', label: '预约人', message: bookerKind === 'walkin' ? '请填写来访居民的姓名' : '请选择预约人' }]);
      const input = {
        venue: venue.name, venueId: venue.id, date: (v.date as dayjs.Dayjs).format('YYYY-MM-DD'), startHour: Number(v.startHour), endHour: Number(v.endHour),
        bookerKind, bookerId, booker, phone: String(v.phone ?? '').trim(), purpose: String(v.purpose ?? ''), headcount: Number(v.headcount ?? 0),
        equipmentNeeded: (v.equipmentNeeded as string[] | undefined) ?? [],
        status: (editing ? (v.status as Booking['status']) : venue.needsApproval ? '待审批' : '已确认'),
        statusReason: String(v.statusReason ?? editing?.statusReason ?? '').trim(),
      };
      const facts: BookingFacts = {
        id: editing?.id ?? '', venueId: venue.id, date: input.date, startHour: input.startHour, endHour: input.endHour, status: input.status,
        bookerKey: bookerKeyOf(bookerKind, bookerId, booker, input.phone), booker, headcount: input.headcount,
        createdAt: editing?.meta.createdAt ?? Date.now(), createdBy: '',
      };
      // Marking a booking 已完成 / 未到 / 已取消 does not move it: the slot is not checked again.
      const sameSlot = editing && editing.venueId === input.venueId && editing.date === input.date && editing.startHour === input.startHour && editing.endHour === input.endHour && editing.booker === input.booker;
      const found = sameSlot || input.status === '已取消' ? [] : checkBooking(facts, venueFacts(venue), allBookingFacts(store.repos.bookings as never), { now: { date: today(), hour: new Date().getHours() } });
      const hard = found.filter((p) => !p.overridable);
      if (hard.length > 0 || (found.length > 0 && (!mayOverride || !override.trim()))) {
        setProblems(found);
        return;
      }
      const note = found.length > 0 ? `破例预约（${found.map((p) => p.message).join('；')}）。原因：${override.trim()}` : undefined;
      const saved = found.length > 0 ? { ...input, overrideReason: override.trim() } : input;
      if (editing) store.repos.bookings.update(editing.id, saved, { note });
      else if (v.repeat) return void saveSeries(input, facts, venue, String(v.repeat) as 'week' | 'month', v);
      else store.repos.bookings.create(saved, { note });
      void message.success(`已${editing ? '修改' : '预约'}：${venue.name} ${input.date} ${input.startHour}:00–${input.endHour}:00（${booker}）${input.status === '待审批' ? '，等待审批' : ''}`);
      onClose();
    } catch (error) {
      if (error instanceof ValidationError) form.setFields(error.problems.map((p) => ({ name: p.field || 'venueId', errors: [`${p.label}：${p.message}`] })));
      void message.error(errorText(error));
    }
  };

  /**
   * A recurring booking: every date of the series is checked like a single booking. A date that clashes or breaks a
   * rule no one may override is skipped and listed. Dates that break only rules a clerk may override (the monthly
   * limit of a standing team) are said first: with the override right and one reason they are booked with the rest,
   * as a single booking would be; otherwise they are skipped too.
   */
  const saveSeries = (input: Parameters<typeof store.repos.bookings.create>[0], first: BookingFacts, venue: NonNullable<ReturnType<typeof store.repos.venues.get>>, every: 'week' | 'month', v: Record<string, unknown>) => {
    const until = v.until ? (v.until as dayjs.Dayjs).format('YYYY-MM-DD') : undefined;
    const dates = recurrenceDates(first.date, every, until ? { until } : { times: Number(v.times ?? 4) });
    const others: BookingFacts[] = [...allBookingFacts(store.repos.bookings as never)];
    const seriesId = newId();
    const booked: string[] = [];
    const skipped: string[] = [];
    const reason = override.trim();
    const options = { now: { date: today(), hour: new Date().getHours() }, override: mayOverride && reason !== '' };
    const plan = planSeries({ ...first, id: seriesId }, dates, venueFacts(venue), others, options);
    // Dates that need an override are said first, in the dialog, before anything is booked.
    if (plan.needOverride.length > 0 && mayOverride && !reason) {
      setProblems(plan.needOverride.map((n) => ({ message: `${n.date}：${n.messages.join('；')}`, overridable: true })));
      return;
    }
    store.doc.transact(() => {
      for (const { date, overridden } of plan.book) {
        store.repos.bookings.create({ ...input, date, seriesId, ...(overridden.length ? { overrideReason: reason } : {}) }, overridden.length ? { note: `破例预约（${overridden.join('；')}）。原因：${reason}` } : undefined);
        booked.push(date);
      }
    });
    skipped.push(...plan.skip.map((x) => `${x.date}：${x.reason}`));
    modal.info({
      title: `周期预约：已预约 ${booked.length} 次${skipped.length ? `，跳过 ${skipped.length} 次` : ''}`,
      content: (
        <div data-testid="series-result">
          {booked.length > 0 && <div>已预约：{booked.join('、')}</div>}
          {skipped.length > 0 && <div style={{ marginTop: 8 }}>跳过（请另行安排）：{skipped.map((s) => <div key={s}>{s}</div>)}</div>}
        </div>
      ),
      okText: '知道了',
    });
    onClose();
  };

  const overridable = problems.length > 0 && problems.every((p) => p.overridable) && mayOverride;
  const othersMayOverride = operators.snapshot.settings.operators.filter((o) => mayOverrideBookingRules(o)).map((o) => o.name);
  return (
    <Modal
      open
      title={editing ? '修改预约' : '新建预约'}
      width={760}
      onCancel={onClose}
      footer={
        <Space>
          {editing && <Button onClick={() => setSlip(true)}>打印预约单</Button>}
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" onClick={() => form.submit()}>{overridable ? '破例预约' : editing ? '保存' : '预约'}</Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save} onValuesChange={() => setProblems([])} onKeyDown={formKeys(() => form.submit())}>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="venueId" label="场地/服务"><Select aria-label="场地" showSearch optionFilterProp="label" options={venues.map((x) => ({ value: x.id, label: `${x.name}${x.ownerUnitId ? `（${store.repos.residentUnits.get(x.ownerUnitId)?.name ?? '驻区单位'}）` : ''}` }))} /></Form.Item></Col>
          <Col span={6}><Form.Item name="date" label="日期"><DatePicker aria-label="预约日期" style={{ width: '100%' }} allowClear={false} /></Form.Item></Col>
          <Col span={3}><Form.Item name="startHour" label="开始"><Select aria-label="开始时间" options={hourOptions} /></Form.Item></Col>
          <Col span={3}><Form.Item name="endHour" label="结束"><Select aria-label="结束时间" options={hourOptions} /></Form.Item></Col>
          <Col span={24}>
            <Form.Item name="bookerKind" label="预约人类别">
              <Radio.Group aria-label="预约人类别" options={[{ value: 'walkin', label: '来访居民' }, { value: 'person', label: '名册人员' }, { value: 'unit', label: '驻区单位' }, { value: 'team', label: '志愿服务队' }]} />
            </Form.Item>
          </Col>
          {kind === 'walkin' ? (
            <Col span={12}><Form.Item name="booker" label="姓名"><Input aria-label="预约人姓名" /></Form.Item></Col>
          ) : (
            <Col span={12}>
              <Form.Item name="bookerId" label="预约人">
                <Select aria-label="预约人" showSearch optionFilterProp="label" options={(kind === 'person' ? store.repos.people.list() : kind === 'unit' ? store.repos.residentUnits.list() : store.repos.volunteerTeams.list()).map((x) => ({ value: x.id, label: x.name }))} />
              </Form.Item>
            </Col>
          )}
          <Col span={12}><Form.Item name="phone" label="联系电话"><Input aria-label="联系电话" /></Form.Item></Col>
          <Col span={12}><Form.Item name="purpose" label="用途"><Input aria-label="用途" placeholder="例如：老年合唱队排练" /></Form.Item></Col>
          <Col span={4}><Form.Item name="headcount" label="人数"><InputNumber aria-label="人数" min={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={8}><Form.Item name="equipmentNeeded" label="所需设备"><Select aria-label="所需设备" mode="tags" /></Form.Item></Col>
          {editing && (
            <>
              <Col span={8}><Form.Item name="status" label="状态"><Select aria-label="预约状态" options={BOOKING_STATUSES.map((x) => ({ value: x, label: x }))} /></Form.Item></Col>
              <Col span={16}><Form.Item name="statusReason" label="原因（取消、未到时填写）"><Input aria-label="状态原因" placeholder="例如：预约人来电取消" /></Form.Item></Col>
            </>
          )}
          {!editing && (
            <>
              <Col span={8}><Form.Item name="repeat" label="重复"><Select aria-label="重复" options={[{ value: '', label: '不重复' }, { value: 'week', label: '每周' }, { value: 'month', label: '每月' }]} /></Form.Item></Col>
              {repeat && <Col span={8}><Form.Item name="times" label="共几次（最多52次）"><InputNumber aria-label="重复次数" min={2} max={52} style={{ width: '100%' }} /></Form.Item></Col>}
              {repeat && <Col span={8}><Form.Item name="until" label="或到此日为止"><DatePicker aria-label="重复截止日期" style={{ width: '100%' }} /></Form.Item></Col>}
            </>
          )}
        </Row>
      </Form>
      {problems.length > 0 && (
        <Alert
          type={overridable ? 'warning' : 'error'}
          showIcon
          data-testid="booking-problems"
          message={overridable ? '不符合预约规则；确需预约，请填写破例原因（记入修改记录）' : problems.every((p) => p.overridable) ? `不符合预约规则；当前操作人「${operator?.name ?? ''}」没有破例预约的权限${othersMayOverride.length ? `，请由${othersMayOverride.join('、')}办理` : ''}` : '不能预约'}
          description={
            <>
              {problems.map((p) => <div key={p.message}>{p.message}</div>)}
              {overridable && <Input style={{ marginTop: 8 }} aria-label="破例原因" placeholder="例如：社区重点活动，经书记同意" value={override} onChange={(e) => setOverride(e.target.value)} />}
            </>
          }
        />
      )}
      {slip && editing && (
        <PrintPreview onClose={() => setSlip(false)} build={(paper, orientation) => ({ ...bookingSlip(store.info?.name ?? '', editing, today()), paper, orientation })} />
      )}
    </Modal>
  );
}
