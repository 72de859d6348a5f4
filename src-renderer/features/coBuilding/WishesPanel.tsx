import { PlusOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { wishBoard } from '../../../src-shared/print/volunteerPrints';
import { maskPhone } from '../../../src-shared/privacy/mask';
import { activeClaims, isDoubleClaimed, nextStage } from '../../../src-shared/records/coBuilding/wishRules';
import { FEEDBACK, WISH_STAGES, type WishClaim, type wishes } from '../../../src-shared/records/coBuilding/wishSchema';
import type { FieldsOf } from '../../../src-shared/schema/collection';
import type { RecordView } from '../../../src-shared/repository/collectionRepository';
import { formKeys } from '../../app/formKeys';
import { today } from '../../app/saveBytes';
import { useSession } from '../../app/storeContext';
import { useLiveList } from '../../app/useLive';
import { useRun } from '../../app/useRun';
import { PrintPreview } from '../print/PrintPreview';

type Wish = RecordView<FieldsOf<typeof wishes>>;
type Step = { wish: Wish; action: '不予受理' | '接单' | '完成' } | null;

const STAGE_COLORS: Record<string, string> = { 待下单: 'default', 已下单: 'blue', 不予受理: 'default', 已接单: 'orange', 已完成: 'green' };

/**
 * 三单制 and 微心愿: 居民点单 → 社区下单 (or declined with a reason) → 党员接单 → 办结 with the resident's feedback; a wish
 * claimed twice on two PCs shows both claims until a person confirms one; the board is printed without personal data.
 */
export function WishesPanel() {
  const { store } = useSession();
  const run = useRun();
  const { modal } = AntApp.useApp();
  const all = useLiveList(store.repos.wishes);
  const [stage, setStage] = useState<string>('全部');
  const [adding, setAdding] = useState(false);
  const [step, setStep] = useState<Step>(null);
  const [printing, setPrinting] = useState(false);
  const shown = all.filter((w) => stage === '全部' || w.stage === stage).sort((a, b) => b.date.localeCompare(a.date));
  const doubles = all.filter(isDoubleClaimed);
  const publish = (w: Wish) => run(() => store.repos.wishes.update(w.id, { stage: nextStage(w, '下单'), publishedOn: today() }), `「${w.title}」已下单，可以认领了`);
  const confirm = (w: Wish, keep: string, claim: WishClaim) =>
    modal.confirm({
      title: `确认由${claim.name}办理「${w.title}」？`,
      content: '其他接单会撤回并注明原因，请电话告知对方。',
      okText: '确认',
      cancelText: '返回',
      onOk: () => {
        const others = Object.fromEntries(activeClaims(w).filter(([k]) => k !== keep).map(([k, c]) => [k, { ...c, withdrawn: true, reason: `与${claim.name}重复接单，已确认由${claim.name}办理` }]));
        run(() => store.repos.wishes.update(w.id, { claims: others }), `已确认由${claim.name}办理`);
      },
    });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {doubles.length > 0 && (
        <Alert type="error" showIcon data-testid="wish-conflicts" message="同一心愿被两处接单：多台电脑离线时各自登记，合并后都保留，请确认由谁办理"
          description={doubles.map((w) => (
            <div key={w.id} style={{ marginTop: 4 }}>
              <b>「{w.title}」</b>
              {activeClaims(w).map(([key, c]) => (
                <Space key={key} style={{ display: 'flex', marginLeft: 16 }}>
                  <span>{c.kind} {c.name}（{c.at ? dayjs(c.at).format('MM-DD HH:mm') : ''} 接单）</span>
                  <Button size="small" onClick={() => confirm(w, key, c)}>确认由{c.name}办理</Button>
                </Space>
              ))}
            </div>
          ))} />
      )}
      <Space wrap>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>登记居民点单或微心愿</Button>
        <Select aria-label="心愿状态" style={{ width: 130 }} value={stage} onChange={setStage} options={['全部', ...WISH_STAGES].map((s) => ({ value: s, label: s }))} />
        <Button onClick={() => setPrinting(true)}>打印心愿墙</Button>
      </Space>
      <Table<Wish>
        size="small"
        rowKey="id"
        data-testid="wishes"
        dataSource={shown}
        pagination={{ pageSize: 15, showSizeChanger: false }}
        locale={{ emptyText: '还没有居民点单或微心愿' }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 110 },
          { title: '类别', dataIndex: 'kind', width: 90 },
          { title: '内容', dataIndex: 'title' },
          { title: '居民', width: 170, render: (_, w) => `${w.residentName} ${maskPhone(w.residentPhone)}` },
          { title: '状态', width: 100, render: (_, w) => <Tag color={STAGE_COLORS[w.stage]}>{w.stage}</Tag> },
          { title: '接单', render: (_, w) => activeClaims(w).map(([, c]) => `${c.kind} ${c.name}`).join('、') || (w.stage === '不予受理' ? w.declineReason : '') },
          {
            title: '',
            width: 200,
            render: (_, w) => (
              <Space>
                {w.stage === '待下单' && <Button size="small" type="primary" onClick={() => publish(w)}>下单</Button>}
                {w.stage === '待下单' && <Button size="small" onClick={() => setStep({ wish: w, action: '不予受理' })}>不予受理</Button>}
                {w.stage === '已下单' && <Button size="small" type="primary" onClick={() => setStep({ wish: w, action: '接单' })}>登记接单</Button>}
                {w.stage === '已接单' && <Button size="small" type="primary" onClick={() => setStep({ wish: w, action: '完成' })}>办结</Button>}
                {w.stage === '已完成' && (w.feedback ? `居民评价：${w.feedback}` : '')}
              </Space>
            ),
          },
        ]}
      />
      {adding && <NewWish onClose={() => setAdding(false)} />}
      {step && <StepDialog step={step} onClose={() => setStep(null)} />}
      {printing && (
        <PrintPreview onClose={() => setPrinting(false)} note="心愿墙只显示居民的姓，不印电话和住址。"
          build={(paper, orientation) => ({ ...wishBoard(store.info?.name ?? '', all.filter((w) => w.stage === '已下单').sort((a, b) => a.date.localeCompare(b.date))), paper, orientation })} />
      )}
    </Space>
  );
}

/** 居民点单: who (phone masked in every list), what, when. */
function NewWish({ onClose }: { onClose(): void }) {
  const { store } = useSession();
  const run = useRun();
  const [form] = Form.useForm();
  const save = (v: Record<string, unknown>) => {
    if (run(() => store.repos.wishes.create({ kind: v.kind as '微心愿', title: String(v.title ?? ''), residentName: String(v.residentName ?? ''), residentPhone: String(v.residentPhone ?? ''), address: String(v.address ?? ''), date: (v.date as dayjs.Dayjs).format('YYYY-MM-DD') }), `已登记「${String(v.title)}」，待社区下单`)) onClose();
  };
  return (
    <Modal open title="登记居民点单或微心愿" okText="登记" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} width={640}>
      <Form form={form} layout="vertical" onFinish={save} onKeyDown={formKeys(() => form.submit())} initialValues={{ kind: '微心愿', date: dayjs() }}>
        <Row gutter={12}>
          <Col span={8}><Form.Item name="kind" label="类别"><Select aria-label="心愿类别" options={['微心愿', '居民点单'].map((k) => ({ value: k, label: k }))} /></Form.Item></Col>
          <Col span={16}><Form.Item name="title" label="内容"><Input aria-label="心愿内容" placeholder="例如：想要一台助听器" /></Form.Item></Col>
          <Col span={8}><Form.Item name="residentName" label="居民姓名"><Input aria-label="居民姓名" /></Form.Item></Col>
          <Col span={8}><Form.Item name="residentPhone" label="电话"><Input aria-label="居民电话" /></Form.Item></Col>
          <Col span={8}><Form.Item name="date" label="点单日期"><DatePicker aria-label="点单日期" allowClear={false} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={24}><Form.Item name="address" label="住址"><Input aria-label="居民住址" /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}

/** 不予受理 (with the reason), 接单 (who), 办结 (the result and the resident's feedback). */
function StepDialog({ step, onClose }: { step: NonNullable<Step>; onClose(): void }) {
  const { store } = useSession();
  const run = useRun();
  const { wish: w, action } = step;
  const [text, setText] = useState('');
  const [claimant, setClaimant] = useState<string | undefined>();
  const [feedback, setFeedback] = useState<string>('满意');
  const people = store.repos.people.list().filter((p) => p.roles.includes('党员') || p.roles.includes('在职党员'));
  const options = [
    ...people.map((p) => ({ value: `person:${p.id}`, label: `${p.roles.includes('在职党员') ? '在职党员' : '党员'} ${p.name}`, kind: p.roles.includes('在职党员') ? '在职党员' : '党员', name: p.name })),
    ...store.repos.volunteerTeams.list().map((t) => ({ value: `team:${t.id}`, label: `志愿服务队 ${t.name}`, kind: '志愿服务队', name: t.name })),
    ...store.repos.residentUnits.list().map((u) => ({ value: `unit:${u.id}`, label: `驻区单位 ${u.name}`, kind: '驻区单位', name: u.name })),
  ];
  const save = () => {
    const done =
      action === '不予受理'
        ? run(() => store.repos.wishes.update(w.id, { stage: nextStage(w, '不予受理'), declineReason: text.trim() }), `「${w.title}」不予受理，请回复居民`)
        : action === '接单'
          ? run(() => {
            const chosen = options.find((o) => o.value === claimant);
            if (!chosen) throw new Error('请选择接单的党员、服务队或单位');
            store.repos.wishes.update(w.id, { stage: nextStage(w, '接单'), claims: { [chosen.value]: { name: chosen.name, kind: chosen.kind as WishClaim['kind'] } } });
          }, `「${w.title}」已接单`)
          : run(() => store.repos.wishes.update(w.id, { stage: nextStage(w, '完成'), result: text.trim(), doneOn: today(), feedback: feedback as '满意' }), `「${w.title}」已办结`);
    if (done) onClose();
  };
  return (
    <Modal open title={`${action === '完成' ? '办结' : action}：${w.title}`} okText={action === '接单' ? '登记接单' : action === '完成' ? '办结' : action} cancelText="取消" onCancel={onClose} onOk={save}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {action === '接单' && <Select aria-label="接单人" showSearch optionFilterProp="label" style={{ width: '100%' }} placeholder="党员、在职党员、志愿服务队或驻区单位" value={claimant} onChange={setClaimant} options={options} />}
        {action !== '接单' && <Input aria-label={action === '不予受理' ? '不予受理原因' : '办理结果'} placeholder={action === '不予受理' ? '原因，例如：已由民政部门解决' : '结果，例如：已送达助听器一台'} value={text} onChange={(e) => setText(e.target.value)} />}
        {action === '完成' && <Select aria-label="居民评价" style={{ width: 160 }} value={feedback} onChange={setFeedback} options={FEEDBACK.map((f) => ({ value: f, label: f }))} />}
      </Space>
    </Modal>
  );
}
