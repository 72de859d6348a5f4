import { gradesPublicityValues } from '../../../src-shared/records/document/documentTemplates';
import { publicityUntil, useDocumentFromTemplate } from '../documents/newDocument';
import { Button, InputNumber, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { attendanceWorth } from '../../../src-shared/records/volunteer/pointsLedger';
import { DEFAULT_HOURS_TARGETS, yearAssessment, type AssessmentRow } from '../../../src-shared/records/volunteer/memberAssessment';
import { periodLabel } from '../../../src-shared/records/volunteer/inServiceSchema';
import { saveBytes, today } from '../../app/saveBytes';
import { useSession } from '../../app/storeContext';
import { useLiveList } from '../../app/useLive';
import { useRun } from '../../app/useRun';
import { writeWorkbook } from '../../data/spreadsheet';
import { useLedger } from './volunteerModel';

type Behind = { row: AssessmentRow; what: 'hours' | 'claims' | 'grade' } | null;

/** 年度考核: each member's and volunteer's year, every figure opening to the records behind it; .xlsx for the street. */
export function AssessmentPanel() {
  const { store } = useSession();
  const run = useRun();
  const documentFromTemplate = useDocumentFromTemplate();
  const { activities } = useLedger();
  const people = useLiveList(store.repos.people);
  const reports = useLiveList(store.repos.inServiceReports);
  const meetings = useLiveList(store.repos.meetings);
  const [year, setYear] = useState(today().slice(0, 4));
  const [role, setRole] = useState('在职党员');
  const [behind, setBehind] = useState<Behind>(null);
  const targets = store.settings.hoursTargets();
  const allRows = useMemo(() => {
    const gradeMeetings = meetings.filter((m) => m.meetingType === '民主评议').map((m) => ({ meetingId: m.id, meetingTitle: m.title, date: m.date, grades: Object.fromEntries(Object.entries(m.grades).map(([k, g]) => [k, g.grade])) }));
    return yearAssessment(people, year, activities, reports, gradeMeetings, targets);
  }, [people, year, activities, reports, meetings, targets]);
  const rows = useMemo(() => allRows.filter((r) => r.role === role), [allRows, role]);
  // 民主评议 is of every member graded in the year, whatever their role here.
  const graded = allRows.filter((r) => r.grade);
  const writeGrades = () => documentFromTemplate('民主评议公示', gradesPublicityValues(year, graded.map((r) => ({ name: r.name, grade: r.grade })), { communityName: store.info?.name ?? '', phone: store.settings.supervisionPhone(), until: publicityUntil() }), `grades:${year}`);
  const exportXlsx = async () => {
    await saveBytes(`${year}年${role}考核.xlsx`, await writeWorkbook([{
      name: `${year}年${role}`,
      headers: ['姓名', '服务时长（小时）', '目标（小时）', '是否达标', '服务次数', '认领完成', '认领事项', '六个一完成', '民主评议'],
      rows: rows.map((r) => [r.name, r.hours, r.target, r.meetsTarget ? '达标' : '未达标', r.activities, r.claimsDone, r.claims, r.sixOnesDone, r.grade || '未评议']),
    }]));
  };
  const link = (row: AssessmentRow, what: 'hours' | 'claims' | 'grade', text: string) => <a onClick={() => setBehind({ row, what })}>{text}</a>;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select aria-label="考核年度" style={{ width: 110 }} value={year} onChange={setYear} options={[0, 1, 2].map((i) => String(Number(today().slice(0, 4)) - i)).map((y) => ({ value: y, label: `${y}年` }))} />
        <Select aria-label="考核对象" style={{ width: 130 }} value={role} onChange={setRole} options={Object.keys(DEFAULT_HOURS_TARGETS).map((r) => ({ value: r, label: r }))} />
        <span>年度服务时长目标</span>
        <InputNumber aria-label={`${role}年度目标小时`} min={0} max={1000} value={targets[role]} onChange={(v) => v !== null && run(() => store.settings.setHoursTargets({ ...targets, [role]: Number(v) }), `${role}年度目标改为 ${v} 小时`)} addonAfter="小时" />
        <Button onClick={() => void exportXlsx()} disabled={rows.length === 0}>导出Excel</Button>
        <Button onClick={writeGrades} disabled={graded.length === 0} title={graded.length === 0 ? '这一年还没有民主评议结果' : undefined}>民主评议结果公示</Button>
        <Typography.Text type="secondary">达标 {rows.filter((r) => r.meetsTarget).length} / {rows.length} 人</Typography.Text>
      </Space>
      <Table<AssessmentRow>
        size="small"
        rowKey="personId"
        data-testid="assessment"
        dataSource={rows}
        pagination={{ pageSize: 15, showSizeChanger: false }}
        locale={{ emptyText: `名册中没有${role}` }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '服务时长', render: (_, r) => <Space>{link(r, 'hours', `${r.hours} 小时（${r.activities} 次）`)}{r.meetsTarget ? <Tag color="green">达标</Tag> : <Tag color="red">差 {Math.round((r.target - r.hours) * 10) / 10} 小时</Tag>}</Space> },
          { title: '认领事项', render: (_, r) => link(r, 'claims', `${r.claimsDone}/${r.claims} 完成`) },
          { title: '六个一', render: (_, r) => `${r.sixOnesDone}/6` },
          { title: '民主评议', render: (_, r) => (r.grade ? link(r, 'grade', r.grade) : '未评议') },
        ]}
      />
      {behind && (
        <Modal open title={`${behind.row.name} · ${year}年 · ${behind.what === 'hours' ? '服务记录' : behind.what === 'claims' ? '认领事项' : '民主评议'}`} footer={null} onCancel={() => setBehind(null)}>
          <List
            size="small"
            data-testid="assessment-behind"
            dataSource={
              behind.what === 'hours'
                ? activities.filter((a) => !a.deleted && a.rules && a.date.startsWith(year) && a.attendance[`person:${behind.row.personId}`]?.present).map((a) => `${a.date} ${a.title} ${attendanceWorth(a.attendance[`person:${behind.row.personId}`]!, a.rules!).hours} 小时`)
                : behind.what === 'claims'
                  ? reports.filter((r) => r.personId === behind.row.personId && r.period.startsWith(year)).flatMap((r) => Object.values(r.claims).map((c) => `${periodLabel(r.period)} ${c.kind}：${c.title}（${c.done ? '已完成' : '进行中'}）`))
                  : meetings.filter((m) => m.id === behind.row.gradeMeetingId).map((m) => `${m.date} ${m.title}：${behind.row.grade}`)
            }
            renderItem={(text) => <List.Item>{text}</List.Item>}
            locale={{ emptyText: '没有记录' }}
          />
        </Modal>
      )}
    </Space>
  );
}
