import type { Repositories } from '../../repository/repositories';
import { activityFacts } from '../volunteer/volunteerLedger';
import type { UnitAssessmentInputs } from './unitAssessment';

type Repos = Pick<Repositories, 'residentUnits' | 'agreements' | 'coResources' | 'coProjects' | 'activities' | 'whistles' | 'meetings' | 'people' | 'serviceActivities' | 'pointEntries' | 'wishes'>;

/** What the units' 考核 reads from a community document: the same on a clerk's PC and on the street server. */
export function unitAssessmentInputs(repos: Repos): UnitAssessmentInputs {
  return {
    units: repos.residentUnits.list().map((u) => ({ id: u.id, name: u.name, partyOrg: u.partyOrg })),
    agreements: repos.agreements.list(),
    resources: repos.coResources.list(),
    projects: repos.coProjects.list(),
    activities: repos.activities.list(),
    whistles: repos.whistles.list(),
    jointMeetings: repos.meetings.list().filter((m) => m.meetingType === '党建联席会议'),
    // A few fields read directly: no view of every person is built for this (the server reads a fresh document).
    members: repos.people.pick(['name', 'roles', 'employer', 'employerPartyOrg', 'reportDate']).filter((p) => p.roles.includes('在职党员')),
    service: activityFacts(repos),
    wishes: repos.wishes.list(),
  };
}
