/** Every record type of a community document. Adding a type here gives it storage, projection and history. */
import { bookings } from './booking/bookingSchema';
import { venues } from './booking/venueSchema';
import { activities, agreements, coNeeds, coProjects, coResources, whistles } from './coBuilding/coBuildingSchemas';
import { wishes } from './coBuilding/wishSchema';
import { partTimeMembers } from './coBuilding/partTimeMemberSchema';
import { attachments } from './attachment/attachmentSchema';
import { officialDocuments } from './document/officialDocumentSchema';
import { meetingDecisions, meetings, meetingTasks } from './meeting/meetingSchema';
import { orgNodes } from './orgNode';
import { people } from './person/personSchema';
import { residentUnits } from './roster/residentUnitSchema';
import { volunteerTeams } from './roster/volunteerSchema';
import { pointEntries } from './volunteer/pointEntrySchema';
import { feedbackLetters, inServiceReports } from './volunteer/inServiceSchema';
import { serviceActivities, serviceCertificates } from './volunteer/serviceActivitySchema';

export const COLLECTIONS = {
  orgNodes, people, volunteerTeams, residentUnits, meetings, meetingDecisions, meetingTasks, venues, bookings, activities, agreements, whistles,
  serviceActivities, pointEntries, serviceCertificates, inServiceReports, feedbackLetters, wishes, coResources, coNeeds, coProjects, partTimeMembers, attachments, officialDocuments,
} as const;

export type Collections = typeof COLLECTIONS;
export type CollectionName = keyof Collections;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

export { orgNodes, people, volunteerTeams, residentUnits, meetings, meetingDecisions, meetingTasks, venues, bookings, activities, agreements, whistles, serviceActivities, pointEntries, serviceCertificates, inServiceReports, feedbackLetters, wishes, coResources, coNeeds, coProjects, partTimeMembers, attachments, officialDocuments };
export * from './orgNode';
export { parseIdNumber, idNumberCheckChar } from './person/idNumber';
export { PERSON_ROLES, SIX_ONES, partyAge, normalizePerson, type PersonRole } from './person/personSchema';
export { MEETING_TYPES, ATTENDANCE_STATUSES, GRADES, TASK_STATUSES, type MeetingType, type AttendanceEntry } from './meeting/meetingSchema';
