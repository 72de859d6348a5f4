import { useEffect, useMemo, useState } from 'react';
import type { ListOptions, RecordView } from '../../src-shared/repository/collectionRepository';
import type { CommunitySettings } from '../../src-shared/settings/communitySettings';
import { useRepositoryVersion } from './storeContext';

interface ListableRepository<T> {
  list(options?: ListOptions): RecordView<T>[];
  observe(callback: (ids: string[]) => void): () => void;
}

/** A repository's records, kept current as they change here, in another window or by a merge. */
export function useLiveList<T>(repo: ListableRepository<T>, options: ListOptions = {}): RecordView<T>[] {
  const version = useRepositoryVersion(repo as never);
  const { includeDeleted, onlyDeleted } = options;
  return useMemo(() => repo.list({ includeDeleted, onlyDeleted }), [repo, version, includeDeleted, onlyDeleted]);
}

/** Re-renders when the community's settings lists change. */
export function useSettingsVersion(settings: CommunitySettings): number {
  const [version, setVersion] = useState(0);
  useEffect(() => settings.observe(() => setVersion((v) => v + 1)), [settings]);
  return version;
}
