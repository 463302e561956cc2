import { graphql } from '../gql';

// Operations of a matter's later life (sessions, agreements, follow-ups, elevator consent) and of
// the community's legal work (activities, dashboard). Kept apart from operations.ts so the two
// halves of the console can change independently; codegen reads every file under src/.

export const MatterLifecycleQuery = graphql(`
  query MatterLifecycle($id: ID!) {
    matter(id: $id) {
      id reference title category status resolvedAt closedAt followUpDueAt overdueFollowUp
      jointRequests {
        id
        invitations { id status organization { id name kind } }
      }
      sessions {
        id startsAt venue agenda minutes outcome outcomeRecordedAt outcomeCorrectableUntil attendees createdAt
        organizations { id name kind }
        attendedOrganizations { id name kind }
        conflicts { organization { id name kind } sessionId matterReference startsAt venue }
        terms { id description amount dueAt overdue performedAt performedNote waivedAt waivedReason supersededAt }
        judicialConfirmedAt judicialConfirmationNote
        judicialConfirmedBy { id displayName }
        judicialConfirmedByOrganization { id name }
      }
      followUps {
        id agreementFulfilled satisfaction notes createdAt
        recordedBy { id displayName }
      }
    }
  }
`);

export const ScheduleJointSessionMutation = graphql(`
  mutation ScheduleJointSession($input: ScheduleJointSessionInput!) {
    scheduleJointSession(input: $input) {
      id startsAt venue
      conflicts { organization { id name kind } sessionId matterReference startsAt venue }
    }
  }
`);

export const RecordSessionAttendanceMutation = graphql(`
  mutation RecordSessionAttendance($input: RecordSessionAttendanceInput!) {
    recordSessionAttendance(input: $input) { id attendees attendedOrganizations { id name kind } }
  }
`);

export const CorrectSessionOutcomeMutation = graphql(`
  mutation CorrectSessionOutcome($input: CorrectSessionOutcomeInput!) {
    correctSessionOutcome(input: $input) { id minutes outcomeCorrectableUntil terms { id description amount dueAt } }
  }
`);

export const RecordSessionOutcomeMutation = graphql(`
  mutation RecordSessionOutcome($input: RecordSessionOutcomeInput!) {
    recordSessionOutcome(input: $input) {
      id outcome minutes
      terms { id description amount dueAt overdue performedAt }
      matter { id status }
    }
  }
`);

export const ConfirmAgreementMutation = graphql(`
  mutation ConfirmAgreement($sessionId: ID!, $note: String) {
    confirmAgreement(sessionId: $sessionId, note: $note) { id judicialConfirmedAt judicialConfirmationNote }
  }
`);

export const MarkTermPerformedMutation = graphql(`
  mutation MarkTermPerformed($input: MarkTermPerformedInput!) {
    markTermPerformed(input: $input) { id performedAt performedNote overdue }
  }
`);

export const RecordFollowUpMutation = graphql(`
  mutation RecordFollowUp($input: RecordFollowUpInput!) {
    recordFollowUp(input: $input) {
      id agreementFulfilled satisfaction notes
      matter { id status }
    }
  }
`);

export const AgreementDocumentQuery = graphql(`
  query AgreementDocument($id: ID!) {
    matter(id: $id, purpose: PRINT) {
      id reference title description category location amountInDispute
      community { id name district }
      parties { id name role phone idNumber masked }
      sessions {
        id startsAt venue minutes outcome outcomeRecordedAt attendees
        organizations { id name kind }
        attendedOrganizations { id name kind }
        terms { id description amount dueAt performedAt }
        judicialConfirmedAt judicialConfirmationNote
        judicialConfirmedByOrganization { id name }
      }
    }
  }
`);

export const OverdueWorkQuery = graphql(`
  query OverdueWork($communityId: ID) {
    overdueWork(communityId: $communityId) {
      followUps { id reference title followUpDueAt }
      terms { id description dueAt amount session { id matter { id reference title } } }
    }
  }
`);

export const ElevatorConsentQuery = graphql(`
  query ElevatorConsent($id: ID!) {
    matter(id: $id) {
      id
      elevatorConsents { id unit floor area ownerName vote note updatedAt }
      elevatorTally {
        totalHouseholds registeredHouseholds registerComplete totalArea participatingOwners participatingArea agreeOwners agreeArea
        disagreeOwners abstainOwners notVotedOwners participationMet approvalMet approved
      }
    }
  }
`);

export const RecordElevatorConsentMutation = graphql(`
  mutation RecordElevatorConsent($input: RecordElevatorConsentInput!) {
    recordElevatorConsent(input: $input) { id unit floor area ownerName vote note }
  }
`);

export const SetElevatorRegisterMutation = graphql(`
  mutation SetElevatorRegister($input: SetElevatorRegisterInput!) {
    setElevatorRegister(input: $input) { id unit floor area ownerName vote note }
  }
`);

export const CommunityActivitiesQuery = graphql(`
  query CommunityActivities($kind: CommunityActivityKind) {
    communityActivities(kind: $kind) {
      id kind title heldAt venue agenda attendance minutes held recordedAt
      hostOrganization { id name kind }
      partnerOrganizations { id name kind }
      matters { id reference title }
      decisions { id text matters { id reference title } }
    }
  }
`);

export const CreateCommunityActivityMutation = graphql(`
  mutation CreateCommunityActivity($input: CreateCommunityActivityInput!) {
    createCommunityActivity(input: $input) { id kind title heldAt }
  }
`);

export const RecordCommunityActivityMutation = graphql(`
  mutation RecordCommunityActivity($input: RecordCommunityActivityInput!) {
    recordCommunityActivity(input: $input) { id held attendance minutes decisions { id text } }
  }
`);

// A planned activity's changes come back with every field the list shows, so the list updates in place.
export const UpdateCommunityActivityMutation = graphql(`
  mutation UpdateCommunityActivity($input: UpdateCommunityActivityInput!) {
    updateCommunityActivity(input: $input) {
      id kind title heldAt venue agenda held
      hostOrganization { id name kind }
      partnerOrganizations { id name kind }
      matters { id reference title }
    }
  }
`);

export const AgendaSuggestionsQuery = graphql(`
  query AgendaSuggestions {
    deliberationAgendaSuggestions {
      grouping key location category matterCount openCount
      matters { id reference title status category location }
    }
  }
`);

export const MatterOptionsQuery = graphql(`
  query MatterOptions {
    matters(first: 100) {
      edges { node { id reference title status } }
    }
  }
`);

// 随时说事: the resident's page works without signing in.

export const PublicCommunitiesQuery = graphql(`
  query PublicCommunities {
    publicCommunities { id name district }
    publicReportConsentVersion
    publicReportMaxPhotos
  }
`);

export const SubmitPublicReportMutation = graphql(`
  mutation SubmitPublicReport($input: SubmitPublicReportInput!) {
    submitPublicReport(input: $input) {
      trackingCode
      status { reference status reportedAt updatedAt }
      photoUploads { fileName url }
    }
  }
`);

export const PublicMatterStatusQuery = graphql(`
  query PublicMatterStatus($trackingCode: String!) {
    publicMatterStatus(trackingCode: $trackingCode) { reference status reportedAt updatedAt }
  }
`);

// 晴雨表

export const CommunityStatsQuery = graphql(`
  query CommunityStats($communityId: ID, $from: DateTime, $to: DateTime) {
    communityStats(communityId: $communityId, from: $from, to: $to) {
      total resolved resolutionRate medianDaysToResolve major demandsSolved disputesResolved
      majorDisputesResolved consultationsAnswered
      lawExplanationEvents deliberationMeetings publicityEvents
      byKind { key count }
      byCategory { key count }
      byStatus { key count }
      byChannel { key count }
      byMonth { key count }
      resolvedByMonth { key count }
      agencies { organization { id name kind } invited accepted declined expired pending medianAnswerHours }
      majorMatters { id reference title category status createdAt amountInDispute householdsAffected }
    }
  }
`);

// An admin picks which community's 晴雨表 to look at.
export const CommunityOptionsQuery = graphql(`
  query CommunityOptions {
    communities { id code name }
  }
`);

export const ExportMattersQuery = graphql(`
  query ExportMatters($format: ExportFormat!, $filter: MatterFilter, $language: ExportLanguage) {
    exportMatters(format: $format, filter: $filter, language: $language) { filename mimeType base64 }
  }
`);

export const ExportCommunityStatsQuery = graphql(`
  query ExportCommunityStats($format: ExportFormat!, $communityId: ID, $from: DateTime, $to: DateTime, $language: ExportLanguage) {
    exportCommunityStats(format: $format, communityId: $communityId, from: $from, to: $to, language: $language) { filename mimeType base64 }
  }
`);
