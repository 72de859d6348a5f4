import dayjs from 'dayjs';
import type { OfficialContent } from '../../../src-shared/print/officialLayout';
import { officialContentOf } from '../../../src-shared/records/document/documentRules';
import { fillDocumentTemplate, type TemplateKey } from '../../../src-shared/records/document/documentTemplates';
import { today } from '../../app/saveBytes';
import { useNavigation } from '../../app/navigation';
import { useSession } from '../../app/storeContext';
import { useRun } from '../../app/useRun';
import type { CommunityStore } from '../../data/communityStore';

/**
 * A new draft's letterhead: what the community's last document used (its issuer, 代字, signature, 印发机关), else the
 * community Party committee's.
 */
export function letterhead(store: CommunityStore) {
  const latest = store.repos.officialDocuments.list().sort((a, b) => b.meta.createdAt - a.meta.createdAt)[0];
  if (latest) return { issuer: latest.issuer, issuerCode: latest.issuerCode, signature: latest.signature, printedBy: latest.printedBy };
  const name = store.info?.name ?? '社区';
  return { issuer: `中共${name}委员会`, issuerCode: `${name.replace(/社区$/, '')}社党`, signature: `中共${name}委员会`, printedBy: `中共${name}委员会` };
}

/**
 * Writes a draft from a template filled with a record's values and opens it in the documents screen. Fields the record
 * has no value for stay as {字段} and are listed there, so the clerk fills them before printing.
 */
export function useDocumentFromTemplate(): (key: TemplateKey, values: Readonly<Record<string, string>>, source: string) => void {
  const { store } = useSession();
  const run = useRun();
  const { openDocument } = useNavigation();
  return (key, values, source) => {
    const filled = fillDocumentTemplate(key, store.settings.documentTemplate(key), values);
    const date = today();
    let id = '';
    const done = run(() => {
      id = store.repos.officialDocuments.create({
        ...letterhead(store), docType: filled.docType, year: Number(date.slice(0, 4)), number: 0, title: filled.title, recipients: filled.recipients, body: filled.body,
        date, printedOn: date, source,
      }).id;
    }, filled.missing.length ? `已生成公文草稿；${filled.missing.map((f) => `{${f}}`).join('、')} 在记录中没有值，请在正文中补上` : '已生成公文草稿');
    if (done) openDocument(id);
  };
}

/** The last day of a 公示 written today: seven days, as the community's notices usually give. */
export const publicityUntil = () => dayjs(today()).add(7, 'day').format('YYYY-MM-DD');

/**
 * A template filled from a record as a document to print at once, unnumbered and not kept (a hundred feedback letters
 * printed together); a field without a value stops the print, as it does for a kept document.
 */
export function contentFromTemplate(store: CommunityStore, key: TemplateKey, values: Readonly<Record<string, string>>): OfficialContent {
  const filled = fillDocumentTemplate(key, store.settings.documentTemplate(key), values);
  const date = today();
  return officialContentOf({
    ...letterhead(store), docType: filled.docType, year: Number(date.slice(0, 4)), number: 0, signer: '', title: filled.title, recipients: filled.recipients, body: filled.body,
    attachments: [], date, note: '', copyTo: '', printedOn: date,
  });
}
