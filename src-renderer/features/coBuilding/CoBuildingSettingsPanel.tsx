import { Button, Card, Input, InputNumber, Space, Switch, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { UNIT_ITEMS, type CoBuildingSettings } from '../../../src-shared/records/coBuilding/coBuildingSettings';
import { useSession } from '../../app/storeContext';
import { useRun } from '../../app/useRun';
import { useCoBuildingSettings } from './coBuildingModel';

/** Days and dates as clerks write them: 60、30、7 or one date per line. */
const splitList = (text: string) => text.split(/[\s,，、;；]+/).map((s) => s.trim()).filter(Boolean);

/**
 * 共建设置: when agreement reminders appear, the holidays and 调休 days that working-day response times skip, and the
 * units' 考核 items, weights and full-mark standards. Saved with the button, checked first; kept in the community's
 * document so every PC and the street use the same.
 */
export function CoBuildingSettingsPanel() {
  const { store } = useSession();
  const run = useRun();
  const saved = useCoBuildingSettings();
  const [draft, setDraft] = useState({ reminderDays: '', holidays: '', workdays: '', unitItems: saved.unitItems });
  useEffect(() => setDraft({ reminderDays: saved.reminderDays.join('、'), holidays: saved.holidays.join('\n'), workdays: saved.workdays.join('\n'), unitItems: saved.unitItems }), [saved]);
  const setItem = (key: keyof CoBuildingSettings['unitItems'], patch: Partial<CoBuildingSettings['unitItems'][typeof key]>) => setDraft((d) => ({ ...d, unitItems: { ...d.unitItems, [key]: { ...d.unitItems[key], ...patch } } }));
  const save = () =>
    run(() => store.settings.setCoBuilding({ reminderDays: splitList(draft.reminderDays).map(Number), holidays: splitList(draft.holidays), workdays: splitList(draft.workdays), unitItems: draft.unitItems }), '共建设置已保存');
  const totalWeight = UNIT_ITEMS.reduce((sum, { key }) => sum + (draft.unitItems[key].enabled ? draft.unitItems[key].weight : 0), 0);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title="协议到期提醒与节假日">
        <Space align="start" wrap size="large">
          <label>到期前提醒（天）<Input aria-label="到期提醒天数" style={{ width: 160, display: 'block' }} value={draft.reminderDays} onChange={(e) => setDraft((d) => ({ ...d, reminderDays: e.target.value }))} placeholder="60、30、7" /></label>
          <label>法定节假日（每行一个日期）<Input.TextArea aria-label="法定节假日" rows={4} style={{ width: 200, display: 'block' }} value={draft.holidays} onChange={(e) => setDraft((d) => ({ ...d, holidays: e.target.value }))} placeholder="2026-10-01" /></label>
          <label>调休上班日（周末上班）<Input.TextArea aria-label="调休上班日" rows={4} style={{ width: 200, display: 'block' }} value={draft.workdays} onChange={(e) => setDraft((d) => ({ ...d, workdays: e.target.value }))} placeholder="2026-10-10" /></label>
          <Typography.Paragraph type="secondary" style={{ maxWidth: 360 }}>吹哨的“工作日响应时间”不计周末和法定节假日，调休上班日照常计算。协议在到期前按所列天数逐级提醒，提醒显示在各页面顶部。</Typography.Paragraph>
        </Space>
      </Card>
      <Card size="small" title={`驻区单位考核项目（启用项目权重合计 ${totalWeight}）`}>
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={[...UNIT_ITEMS]}
          columns={[
            { title: '启用', width: 60, render: (_, i) => <Switch size="small" aria-label={`启用${i.label}`} checked={draft.unitItems[i.key].enabled} onChange={(enabled) => setItem(i.key, { enabled })} /> },
            { title: '考核项目', dataIndex: 'label', width: 140 },
            { title: '权重', width: 110, render: (_, i) => <InputNumber size="small" aria-label={`${i.label}权重`} min={0} max={100} value={draft.unitItems[i.key].weight} onChange={(v) => setItem(i.key, { weight: Number(v ?? 0) })} /> },
            { title: '满分标准', width: 140, render: (_, i) => ('unit' in i ? <InputNumber size="small" aria-label={`${i.label}满分标准`} min={1} max={1000} value={draft.unitItems[i.key].standard} onChange={(v) => setItem(i.key, { standard: Number(v ?? 1) })} addonAfter={i.unit} /> : '—') },
            { title: '计分办法', dataIndex: 'how' },
          ]}
        />
      </Card>
      <Button type="primary" onClick={save}>保存共建设置</Button>
    </Space>
  );
}
