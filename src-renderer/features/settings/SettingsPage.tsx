import { blockEnterSubmit } from '../../app/formKeys';
import { App as AntApp, Button, Card, Form, Input, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { readAudit } from '../../../src-shared/repository/docLayout';
import { people } from '../../../src-shared/records';
import { orgNodePath } from '../../../src-shared/table/orgNodePaths';
import { LIST_SETTING_LABELS, type ListSettingKey } from '../../../src-shared/settings/defaults';
import { errorText } from '../../app/errorText';
import { useSession, useSyncStatus } from '../../app/storeContext';
import { useState } from 'react';
import type { SyncStatus } from '../../sync/syncConnection';
import { SyncSettingsModal } from '../sync/SyncSettingsModal';
import { OperatorsCard } from '../operators/OperatorsCard';
import { TodoLimitsCard } from '../workbench/TodoLimitsCard';
import { MeetingSettingsCard } from '../meeting/MeetingSettingsCard';
import { useSettingsVersion } from '../../app/useLive';

/** The community's editable lists (民族, 学历, 党员状态, 标签, 岗位…), the 监督电话, and the personal-data log. */
export function SettingsPage() {
  const { store, sync, syncSettings } = useSession();
  const syncStatus = useSyncStatus(sync);
  const [syncOpen, setSyncOpen] = useState(false);
  const { message } = AntApp.useApp();
  useSettingsVersion(store.settings);
  const keys = Object.keys(LIST_SETTING_LABELS) as ListSettingKey[];
  const audit = readAudit(store.doc).reverse();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title="同步设置" extra={<Button onClick={() => setSyncOpen(true)}>打开同步设置</Button>}>
        <Typography.Text data-testid="settings-sync-summary">
          {syncSettings ? `已设置：${syncSettings.serverUrl}（${syncStatusText(syncStatus)}）` : '未连接街道：数据只保存在本机。向街道党建办索取连接串后，在“同步设置”中粘贴即可。'}
        </Typography.Text>
        {syncStatus.message && <Typography.Paragraph type={syncStatus.state === 'refused' ? 'danger' : 'secondary'} style={{ marginTop: 8, marginBottom: 0 }}>{syncStatus.message}</Typography.Paragraph>}
        {syncOpen && <SyncSettingsModal onClose={() => setSyncOpen(false)} />}
      </Card>
      <OperatorsCard />
      <TodoLimitsCard />
      <Card title="公示牌监督电话">
        <Form layout="inline" onKeyDown={blockEnterSubmit} initialValues={{ phone: store.settings.supervisionPhone() }} onFinish={(v) => { store.settings.setSupervisionPhone(v.phone ?? ''); void message.success('已保存监督电话'); }}>
          <Form.Item name="phone" label="监督电话"><Input aria-label="监督电话" placeholder="例如 0591-87000000" /></Form.Item>
          <Button htmlType="submit" type="primary">保存监督电话</Button>
        </Form>
      </Card>
      <MeetingSettingsCard />
      <Card title="可选项列表" extra={<Typography.Text type="secondary">输入新值后回车添加；点 × 删除</Typography.Text>}>
        {keys.map((key) => (
          <Form.Item key={key} label={LIST_SETTING_LABELS[key]} labelCol={{ span: 3 }}>
            <Select
              aria-label={LIST_SETTING_LABELS[key]}
              mode="tags"
              value={[...store.settings.list(key)]}
              onChange={(values: string[]) => {
                try {
                  store.settings.setList(key, values);
                } catch (error) {
                  void message.error(errorText(error));
                }
              }}
            />
          </Form.Item>
        ))}
      </Card>
      <Card title="导入时的对应关系" extra={<Typography.Text type="secondary">导入名册时选择“把「X」都当作「Y」”后记在这里，以后导入自动对应</Typography.Text>}>
        <Table
          size="small"
          data-testid="synonyms"
          rowKey={(r) => `${r.field}:${r.written}`}
          dataSource={store.settings.allSynonyms()}
          pagination={false}
          locale={{ emptyText: '暂无：导入时遇到列表外的写法，可在预览中一步对应' }}
          columns={[
            { title: '字段', render: (_, r) => (people.fieldLabels as Record<string, string>)[r.field] ?? r.field },
            { title: '文件中的写法', dataIndex: 'written' },
            { title: '当作', render: (_, r) => (r.field === 'orgNodeId' ? (store.orgTree.get(r.value) ? orgNodePath(store.orgTree, r.value) : '（组织已删除）') : r.value) },
            { title: '', render: (_, r) => <Button size="small" onClick={() => store.settings.forgetSynonym(r.field, r.written)}>删除</Button> },
          ]}
        />
      </Card>
      <Card title="操作记录（个人信息完整导出、本机操作人变更）">
        <Table size="small" data-testid="audit-log" rowKey={(r) => `${r.at}-${r.by}-${r.detail}`} dataSource={audit} pagination={{ pageSize: 10 }} locale={{ emptyText: '暂无记录' }}
          columns={[
            { title: '时间', render: (_, r) => dayjs(r.at).format('YYYY-MM-DD HH:mm') },
            { title: '类型', render: (_, r) => (r.action === 'operators' ? '操作人变更' : '完整导出') },
            { title: '操作人', dataIndex: 'by' },
            { title: '电脑', render: (_, r) => r.deviceName || `编号 ${r.device.slice(0, 8)}` },
            { title: '内容', dataIndex: 'detail' },
          ]} />
      </Card>
    </Space>
  );
}

function syncStatusText(status: SyncStatus): string {
  const labels: Record<SyncStatus['state'], string> = { offline: '离线', connecting: '连接中', syncing: '同步中', synced: '已同步', refused: '被拒绝' };
  return labels[status.state];
}
