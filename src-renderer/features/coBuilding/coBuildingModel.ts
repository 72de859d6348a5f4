import { useMemo } from 'react';
import { unitAssessmentInputs } from '../../../src-shared/records/coBuilding/coBuildingFacts';
import type { UnitAssessmentInputs } from '../../../src-shared/records/coBuilding/unitAssessment';
import type { CoBuildingSettings } from '../../../src-shared/records/coBuilding/coBuildingSettings';
import { useRepositoryVersion, useSession } from '../../app/storeContext';
import { useSettingsVersion } from '../../app/useLive';

/** What the units' 考核 reads, current with every edit here and every merge from another PC. */
export function useUnitAssessmentInputs(): UnitAssessmentInputs {
  const { store } = useSession();
  const r = store.repos;
  const units = useRepositoryVersion(r.residentUnits as never);
  const agreements = useRepositoryVersion(r.agreements as never);
  const resources = useRepositoryVersion(r.coResources as never);
  const projects = useRepositoryVersion(r.coProjects as never);
  const activities = useRepositoryVersion(r.activities as never);
  const whistles = useRepositoryVersion(r.whistles as never);
  const meetings = useRepositoryVersion(r.meetings as never);
  const people = useRepositoryVersion(r.people as never);
  const service = useRepositoryVersion(r.serviceActivities as never);
  return useMemo(() => unitAssessmentInputs(r), [r, units, agreements, resources, projects, activities, whistles, meetings, people, service]);
}

/** The community's co-building settings, current when another PC changes them. */
export function useCoBuildingSettings(): CoBuildingSettings {
  const { store } = useSession();
  const version = useSettingsVersion(store.settings);
  return useMemo(() => store.settings.coBuilding(), [store, version]);
}

/** Working-day response times read the community's holidays and 调休 days. */
export function useWorkCalendar() {
  const settings = useCoBuildingSettings();
  return useMemo(() => ({ holidays: new Set(settings.holidays), workdays: new Set(settings.workdays) }), [settings]);
}
