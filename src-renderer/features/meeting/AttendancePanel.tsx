import { Alert, App as AntApp, Button, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { newId } from '../../../src-shared/ids';
import { checkMark, quorum, type AttendanceCounts } from '../../../src-shared/records/meeting/meetingRules';
import type { AttendanceEntry, AttendanceStatus } from '../../../src-shared/records/meeting/meetingSchema';
import { errorText } from '../../app/errorText';
import { blockEnterSubmit } from '../../app/formKeys';
import { useSession } from '../../app/storeContext';
import { attendanceRows, type AttendanceRow, type Meeting } from './meetingModel';

const KEYS: Record<string, AttendanceStatus> = { '1': '出席', '2': '迟到', '3': '请假', '4': '缺席' };
const STATUS_COLORS: Record<AttendanceStatus, string> = { 未标记: 'default', 出席: 'green', 迟到: 'gold', 请假: 'blue', 缺席: 'red' };

/** The counts, always in sight, and the quorum of a 支部党员大会 live. */
export function CountsBar({ meeting, counts }: { meeting: Meeting; counts: AttendanceCounts }) {
  const q = quorum(meeting.meetingType, counts);
  return (
    <Space wrap data-testid="meeting-counts">
      <Tag>应到 {counts.expected} 人</Tag>
      <Tag color="green">实到 {counts.present} 人</Tag>
      <Tag color="blue">请假 {counts.leave} 人</Tag>
      <Tag color="red">缺席 {counts.absent} 人</Tag>
      <Tag>列席 {counts.guests} 人</Tag>
      {counts.unmarked > 0 && <Tag>未登记 {counts.unmarked} 人</Tag>}
      {q.applies && (
        <Tag color={q.met ? 'success' : 'error'} data-testid="quorum">
          {q.met ? `有表决权 ${counts.voting} 人，到会 ${counts.votingPresent} 人，已过半数` : `有表决权 ${counts.voting} 人，到会 ${counts.votingPresent} 人，未过半数：还需 ${q.missing} 人`}
        </Tag>
      )}
    </Space>
  );
}

/**
 * 出席情况: every expected person with a mark (出席 / 迟到 / 请假 / 缺席, with a reason), 列席 added by name, and a
 * keyboard pass in the sign-in sheet's order: 1–4 marks and moves on; 请假 / 缺席 ask for the reason, Enter goes on.
 */
export function AttendancePanel({ meeting, locked }: { meeting: Meeting; locked: boolean }) {
  const { store } = useSession();
  const { message } = AntApp.useApp();
  const rows = attendanceRows(store, meeting);
  const [passAt, setPassAt] = useState<number | null>(null);
  const [reasonFor, setReasonFor] = useState<{ key: string; status: AttendanceStatus } | null>(null);
  const [reason, setReason] = useState('');
  const [guest, setGuest] = useState('');
  const passRef = useRef<HTMLDivElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  // The roster's other members, for 添加应到人员: built when the clerk opens that list.
  const [candidatesOpen, setCandidatesOpen] = useState(false);
  const candidates = candidatesOpen ? store.repos.people.list().filter((p) => p.roles.includes('党员') && !(p.id in meeting.attendance)) : [];

  useEffect(() => {
    if (reasonFor) reasonRef.current?.focus();
    else if (passAt !== null) passRef.current?.focus();
  }, [passAt, reasonFor]);

  const write = (key: string, patch: Partial<AttendanceEntry>) => {
    store.repos.meetings.update(meeting.id, { attendance: { [key]: { ...meeting.attendance[key]!, ...patch } } });
  };
  const markRow = (row: AttendanceRow, status: AttendanceStatus, why = ''): boolean => {
    try {
      checkMark(meeting.attendance[row.key], status, why, row.displayName);
      write(row.key, { status, reason: status === '请假' || status === '缺席' ? why.trim() : '' });
      return true;
    } catch (error) {
      void message.error(errorText(error));
      return false;
    }
  };

  const onPassKey = (event: KeyboardEvent) => {
    if (passAt === null || reasonFor) return;
    const row = rows[passAt];
    if (!row) return;
    const status = KEYS[event.key];
    if (status) {
      event.preventDefault();
      if ((status === '请假' || status === '缺席') && row.kind !== 'guest') {
        setReason(row.reason);
        setReasonFor({ key: row.key, status });
        return;
      }
      if (markRow(row, status)) setPassAt(passAt + 1 < rows.length ? passAt + 1 : null);
    } else if (event.key === 'ArrowDown' || event.key === 'Enter') {
      event.preventDefault();
      setPassAt(Math.min(rows.length - 1, passAt + 1));
    } else if (event.key === 'ArrowUp' || event.key === 'Backspace') {
      event.preventDefault();
      setPassAt(Math.max(0, passAt - 1));
    } else if (event.key === 'Escape') {
      // Esc ends the pass only: the meeting drawer stays open.
      event.preventDefault();
      event.stopPropagation();
      setPassAt(null);
    }
  };

  const confirmReason = () => {
    if (!reasonFor || passAt === null) return;
    const row = rows.find((r) => r.key === reasonFor.key);
    if (row && markRow(row, reasonFor.status, reason)) {
      setReasonFor(null);
      setReason('');
      setPassAt(passAt + 1 < rows.length ? passAt + 1 : null);
    }
  };

  const current = passAt !== null ? rows[passAt] : undefined;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {!locked && (
        <Space wrap>
          <Button type="primary" onClick={() => { setPassAt(0); setReasonFor(null); }} disabled={rows.length === 0}>按签到表逐人录入</Button>
          <Select
            aria-label="添加应到人员"
            showSearch
            optionFilterProp="label"
            style={{ width: 200 }}
            placeholder="添加应到人员（名册中的党员）"
            value={null}
            onOpenChange={(open) => open && setCandidatesOpen(true)}
            options={candidates.map((p) => ({ value: p.id, label: p.name }))}
            onChange={(id: string) => {
              const person = store.repos.people.get(id);
              if (person) store.repos.meetings.update(meeting.id, { attendance: { [id]: { kind: 'member', name: person.name, status: '未标记', reason: '', removed: false } } });
            }}
          />
          <Input aria-label="列席人员姓名" style={{ width: 200 }} placeholder="列席人员姓名（及身份）" value={guest} onChange={(e) => setGuest(e.target.value)} onKeyDown={blockEnterSubmit} />
          <Button disabled={!guest.trim()} onClick={() => {
            store.repos.meetings.update(meeting.id, { attendance: { [`guest:${newId()}`]: { kind: 'guest', name: guest.trim(), status: '出席', reason: '', removed: false } } });
            setGuest('');
          }}>添加列席</Button>
        </Space>
      )}
      {current && (
        <div ref={passRef} tabIndex={0} onKeyDown={onPassKey} data-testid="attendance-pass" style={{ border: '2px solid #c8102e', padding: 12, borderRadius: 4, outline: 'none' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            第 {passAt! + 1} / {rows.length} 人：{current.displayName}
            {current.kind === 'member' && !current.hasVote ? '（预备党员，无表决权）' : ''}
          </Typography.Title>
          {reasonFor ? (
            <Space style={{ marginTop: 8 }}>
              <span>{reasonFor.status}原因：</span>
              <Input
                ref={(el) => { reasonRef.current = el?.input ?? null; }}
                aria-label={`${reasonFor.status}原因`}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') { e.preventDefault(); confirmReason(); }
                  if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); setReasonFor(null); }
                }}
                style={{ width: 260 }}
                placeholder="例如：外出、生病、工作冲突"
              />
              <Typography.Text type="secondary">回车确认并到下一人</Typography.Text>
            </Space>
          ) : (
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              按 1 出席，2 迟到，3 请假，4 缺席（3、4 再填原因）；↑↓ 上一人/下一人，Esc 结束。当前：{current.status}
            </Typography.Paragraph>
          )}
        </div>
      )}
      {rows.length === 0 && <Alert type="info" showIcon message="应到名单是空的：可“添加应到人员”，或检查会议所属党组织下是否有党员" />}
      <Table<AttendanceRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows.filter((r) => !r.removed)}
        data-testid="attendance-table"
        virtual
        scroll={{ y: 420 }}
        rowClassName={(r) => (current?.key === r.key ? 'ant-table-row-selected' : '')}
        columns={[
          { title: '序号', width: 60, render: (_, r) => rows.indexOf(r) + 1 },
          { title: '姓名', width: 160, render: (_, r) => <Space>{r.displayName}{r.kind === 'guest' && <Tag>列席</Tag>}{r.kind === 'unit' && <Tag>驻区单位</Tag>}{r.kind === 'member' && !r.hasVote && <Tag>预备</Tag>}</Space> },
          {
            title: '出席情况',
            render: (_, r) => (
              <Radio.Group
                size="small"
                optionType="button"
                disabled={locked}
                value={r.status}
                aria-label={`${r.displayName}的出席情况`}
                options={(['出席', '迟到', '请假', '缺席'] as const).map((s) => ({ value: s, label: s }))}
                onChange={(e) => {
                  const status = e.target.value as AttendanceStatus;
                  if ((status === '请假' || status === '缺席') && r.kind !== 'guest' && !r.reason) {
                    setPassAt(rows.indexOf(r));
                    setReason('');
                    setReasonFor({ key: r.key, status });
                  } else markRow(r, status, r.reason);
                }}
              />
            ),
          },
          { title: '原因', render: (_, r) => (r.status === '请假' || r.status === '缺席' ? r.reason : '') },
          { title: '', width: 70, render: (_, r) => <Tag color={STATUS_COLORS[r.status]}>{r.status}</Tag> },
          { title: '', width: 80, render: (_, r) => !locked && <Button size="small" type="link" onClick={() => write(r.key, { removed: true })}>移出</Button> },
        ]}
      />
    </Space>
  );
}
