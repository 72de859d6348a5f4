import { App as AntApp, Card, InputNumber, Select, Space, Table, Typography } from 'antd';
import { MEETING_TYPES, type MeetingType } from '../../../src-shared/records';
import { MEETING_TYPE_RULES, type Frequency } from '../../../src-shared/records/meeting/meetingRules';
import { errorText } from '../../app/errorText';
import { useSession } from '../../app/storeContext';
import { useSettingsVersion } from '../../app/useLive';

const FREQUENCIES: { value: Frequency; label: string }[] = [
  { value: 'monthly', label: '每月' }, { value: 'quarterly', label: '每季度' }, { value: 'yearly', label: '每年' }, { value: 'none', label: '不作要求' },
];

/** 会议设置: how often each meeting type must be held (the calendar's 缺 marks), and the 优秀 limit of 民主评议. */
export function MeetingSettingsCard() {
  const { store } = useSession();
  const { message } = AntApp.useApp();
  useSettingsVersion(store.settings);
  return (
    <Card title="会议设置（三会一课）" extra={<Typography.Text type="secondary">会议常用语在下方“可选项列表”中修改</Typography.Text>}>
      <Table
        size="small"
        rowKey="type"
        pagination={false}
        dataSource={MEETING_TYPES.map((type) => ({ type }))}
        columns={[
          { title: '会议类型', dataIndex: 'type', width: 200 },
          {
            title: '要求召开频次',
            render: (_, { type }: { type: MeetingType }) => (
              <Select
                aria-label={`${type}的召开频次`}
                style={{ width: 140 }}
                value={store.settings.meetingFrequency(type, MEETING_TYPE_RULES[type].frequency)}
                options={FREQUENCIES}
                onChange={(f) => store.settings.setMeetingFrequency(type, f)}
              />
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <span>民主评议：优秀不超过参评人数的 1 /</span>
        <InputNumber aria-label="优秀比例分母" min={1} max={20} value={store.settings.excellentDenominator()} onChange={(v) => {
          try {
            store.settings.setExcellentDenominator(Number(v));
          } catch (error) {
            void message.error(errorText(error));
          }
        }} />
        <Typography.Text type="secondary">（默认 3，即三分之一，向下取整）</Typography.Text>
      </Space>
    </Card>
  );
}
