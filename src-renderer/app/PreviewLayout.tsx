import { LoadingOutlined } from '@ant-design/icons';
import { Layout, Menu, Space, Typography } from 'antd';
import type { CommunityPreview } from '../data/communityPreview';
import { RosterPreview } from '../features/roster/RosterPreview';
import { SCREEN_MENU } from './MainLayout';

/**
 * The first screen of a community, drawn from IndexedDB's projection tables while its document is decoded: the header
 * and menu as usual, the roster read-only, and a quiet note that the rest is on its way.
 */
export function PreviewLayout({ preview }: { preview: CommunityPreview }) {
  const { info } = preview;
  return (
    <Layout style={{ minHeight: '100vh' }} data-testid="preview-layout">
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#fff', borderBottom: '1px solid #eee', paddingInline: 16 }}>
        <Typography.Title level={4} style={{ margin: 0, color: '#c8102e' }}>社区工作台</Typography.Title>
        <Typography.Text data-testid="preview-community-title">{`${info.streetName} · ${info.name}（${info.code}）`}</Typography.Text>
        <div style={{ flex: 1 }} />
        <Space data-testid="loading-note" style={{ color: '#888' }}>
          <LoadingOutlined />
          正在载入全部数据，名册暂为只读
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={200} theme="light" style={{ borderRight: '1px solid #eee' }}>
          <Menu mode="inline" selectedKeys={['roster']} items={SCREEN_MENU.map((item) => ({ ...item, disabled: item.key !== 'roster' }))} />
        </Layout.Sider>
        <Layout.Content style={{ padding: 16 }}>
          <RosterPreview preview={preview} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
