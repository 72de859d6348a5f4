import { App as AntApp, Button, DatePicker, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { factsOfBookings } from '../../../src-shared/records/booking/bookingFacts';
import { BOOKING_ALLOWED, BOOKING_COLUMNS, BOOKING_TEMPLATE_EXAMPLE, bookingImportRules } from '../../../src-shared/records/booking/bookingTable';
import type { AnyRepository } from '../../../src-shared/repository/collectionRepository';
import { errorText } from '../../app/errorText';
import { useSession } from '../../app/storeContext';
import { ExportDialog } from '../export/ExportDialog';
import { exportRecords } from '../export/exportRecords';
import { ImportWizard, type ImportTarget } from '../import/ImportWizard';
import { venueFacts } from './bookingModel';
import { compareChinese } from '../../../src-shared/text/chineseOrder';

/**
 * 导入/导出预约: a ledger of bookings kept in Excel comes in row by row with each problem named in its cell (unknown
 * venue, closed day, a clash with a saved booking or a row above); bookings of a date range go out masked by default.
 */
export function BookingTransfer() {
  const session = useSession();
  const { store } = session;
  const { message } = AntApp.useApp();
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [range, setRange] = useState<[string, string]>([dayjs().startOf('month').format('YYYY-MM-DD'), dayjs().endOf('month').format('YYYY-MM-DD')]);
  const inRange = exporting ? store.repos.bookings.idsWhere('date', (d) => typeof d === 'string' && d >= range[0] && d <= range[1]) : [];

  const target: ImportTarget = {
    label: '场地预约',
    repo: store.repos.bookings as unknown as AnyRepository,
    columns: BOOKING_COLUMNS,
    templateColumns: BOOKING_COLUMNS,
    templateExample: BOOKING_TEMPLATE_EXAMPLE,
    allowed: { ...BOOKING_ALLOWED, venue: store.repos.venues.list().map((v) => v.name) },
    options: bookingImportRules({
      venues: store.repos.venues.list().map(venueFacts),
      existing: () => factsOfBookings(store.repos.bookings as never),
      bookerByName: (name) => {
        const unit = store.repos.residentUnits.list().find((u) => u.name === name);
        if (unit) return { kind: 'unit', id: unit.id };
        const team = store.repos.volunteerTeams.list().find((t) => t.name === name);
        return team ? { kind: 'team', id: team.id } : undefined;
      },
    }),
  };

  return (
    <Space>
      <Button onClick={() => setImporting(true)}>导入预约</Button>
      <Button onClick={() => setExporting(true)}>导出预约</Button>
      {importing && <ImportWizard target={target} onClose={() => setImporting(false)} />}
      {exporting && (
        <ExportDialog
          title="导出预约"
          count={inRange.length}
          personal="电话"
          onCancel={() => setExporting(false)}
          onExport={async (full, reason) => {
            try {
              const records = inRange.map((id) => store.repos.bookings.get(id)!).sort((a, b) => a.date.localeCompare(b.date) || a.startHour - b.startHour || compareChinese(a.venue, b.venue));
              await exportRecords(store, { label: `场地预约${range[0]}至${range[1]}`, records: records as unknown as Record<string, unknown>[], columns: BOOKING_COLUMNS, full, reason, context: session.context });
              setExporting(false);
            } catch (error) {
              void message.error(errorText(error));
            }
          }}
        >
          <Space style={{ marginBottom: 12 }}>
            日期
            <DatePicker.RangePicker aria-label="导出日期范围" allowClear={false} value={[dayjs(range[0]), dayjs(range[1])]} onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])} />
          </Space>
        </ExportDialog>
      )}
    </Space>
  );
}
