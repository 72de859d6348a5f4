import type { AnyRepository, RecordView } from '../repository/collectionRepository';

/** How a record in a backup stands against this PC's data now. */
export type BackupDifference = '相同' | '已改动' | '本机已删除' | '本机没有';

type View = RecordView<Record<string, unknown>>;

const fieldsOf = (view: View): Record<string, unknown> => {
  const { id: _id, meta: _meta, ...fields } = view;
  return fields;
};

export function compareRecord(inBackup: View, live: View | undefined): BackupDifference {
  if (!live) return '本机没有';
  if (live.meta.deleted) return '本机已删除';
  return JSON.stringify(fieldsOf(inBackup)) === JSON.stringify(fieldsOf(live)) ? '相同' : '已改动';
}

/**
 * Copies one record of a backup back into this PC's data, as an edit with its own history entry: restored if it was
 * deleted here, its fields set to the backup's if changed, created with its id if this PC never had it.
 */
export function copyBack(live: AnyRepository, inBackup: View, note: string): void {
  const current = live.get(inBackup.id) as View | undefined;
  const fields = fieldsOf(inBackup);
  if (!current) {
    live.create(fields as never, { id: inBackup.id, note });
    return;
  }
  if (current.meta.deleted) live.restore(inBackup.id, { note });
  live.update(inBackup.id, fields as never, { note });
}
