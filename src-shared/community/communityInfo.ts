import type * as Y from 'yjs';
import { OperationError, ValidationError } from '../errors';
import { ORIGIN, metaMap } from '../repository/docLayout';
import { CURRENT_SCHEMA_VERSION } from '../schema/version';
import { parseDivisionCode } from './divisionCode';

export interface CommunityInfo {
  code: string;
  name: string;
  streetName: string;
  schemaVersion: number;
  createdAt: number;
}

export interface CommunitySetupInput {
  code: string;
  name: string;
  streetName: string;
  clerkName: string;
}

/** Checks the first-run form; every problem names its field. */
export function validateCommunitySetup(input: CommunitySetupInput): CommunitySetupInput {
  const problems = [];
  const code = parseDivisionCode(input.code);
  if (!code.ok) problems.push({ field: 'code', label: '统计用区划代码', message: code.message });
  const name = input.name.trim();
  if (!name) problems.push({ field: 'name', label: '社区名称', message: '不能为空，请填写，例如「三坊七巷社区」' });
  else if (name.length > 50) problems.push({ field: 'name', label: '社区名称', message: '不能超过50个字' });
  const streetName = input.streetName.trim();
  if (!streetName) problems.push({ field: 'streetName', label: '所属街道', message: '不能为空，请填写，例如「南街街道」' });
  const clerkName = input.clerkName.trim();
  if (!clerkName) problems.push({ field: 'clerkName', label: '操作人姓名', message: '不能为空：每次修改都会记下操作人，便于追溯' });
  if (problems.length > 0) throw new ValidationError(problems);
  return { code: code.ok ? code.value.code : input.code, name, streetName, clerkName };
}

export function readCommunityInfo(doc: Y.Doc): CommunityInfo | undefined {
  const meta = metaMap(doc);
  const code = meta.get('communityCode');
  if (typeof code !== 'string') return undefined;
  return {
    code,
    name: String(meta.get('communityName') ?? ''),
    streetName: String(meta.get('streetName') ?? ''),
    schemaVersion: Number(meta.get('schemaVersion') ?? 0),
    createdAt: Number(meta.get('createdAt') ?? 0),
  };
}

/** Writes the community's identity once. Its code names the document and its street: it never changes afterwards. */
export function writeCommunityInfo(doc: Y.Doc, info: Omit<CommunityInfo, 'schemaVersion'>): void {
  const existing = metaMap(doc).get('communityCode');
  if (typeof existing === 'string' && existing !== info.code) {
    throw new OperationError(`本社区的区划代码是 ${existing}，不能改为 ${info.code}：代码决定数据属于哪个社区和街道。如代码有误，请联系街道党建办`);
  }
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set('schemaVersion', CURRENT_SCHEMA_VERSION);
    meta.set('communityCode', info.code);
    meta.set('communityName', info.name);
    meta.set('streetName', info.streetName);
    meta.set('createdAt', info.createdAt);
  }, ORIGIN.local);
}
