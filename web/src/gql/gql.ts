/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query MatterAttachments($id: ID!) {\n    matter(id: $id) {\n      id\n      attachments {\n        id fileName description kind mimeType size sha256 containsPersonalData source createdAt url thumbnailUrl\n        uploadedBy { id displayName }\n        organization { id name }\n      }\n    }\n  }\n": typeof types.MatterAttachmentsDocument,
    "\n  mutation RequestAttachmentUpload($input: RequestAttachmentUploadInput!) {\n    requestAttachmentUpload(input: $input) { url expiresAt maxBytes }\n  }\n": typeof types.RequestAttachmentUploadDocument,
    "\n  mutation VerifyLoginMfa($challenge: String!, $code: String!) {\n    verifyLoginMfa(challenge: $challenge, code: $code) { token expiresAt }\n  }\n": typeof types.VerifyLoginMfaDocument,
    "\n  query AccountSecurity {\n    me { id username twoFactorEnabled twoFactorRequired recoveryCodesLeft }\n    passwordPolicy { minLength maxLength }\n  }\n": typeof types.AccountSecurityDocument,
    "\n  query MySessions {\n    mySessions { id createdAt lastSeenAt expiresAt clientAddress userAgent current }\n  }\n": typeof types.MySessionsDocument,
    "\n  mutation BeginTotpEnrolment {\n    beginTotpEnrolment { secret otpauthUri }\n  }\n": typeof types.BeginTotpEnrolmentDocument,
    "\n  mutation ConfirmTotpEnrolment($code: String!) {\n    confirmTotpEnrolment(code: $code) { recoveryCodes }\n  }\n": typeof types.ConfirmTotpEnrolmentDocument,
    "\n  mutation DisableTotp($code: String!) {\n    disableTotp(code: $code)\n  }\n": typeof types.DisableTotpDocument,
    "\n  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {\n    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": typeof types.ChangeMyPasswordDocument,
    "\n  mutation RevokeMySession($id: ID!) {\n    revokeMySession(id: $id)\n  }\n": typeof types.RevokeMySessionDocument,
    "\n  mutation SignOutEverywhere($keepCurrent: Boolean!) {\n    signOutEverywhere(keepCurrent: $keepCurrent)\n  }\n": typeof types.SignOutEverywhereDocument,
    "\n  mutation ResetUserTwoFactor($userId: ID!) {\n    resetUserTwoFactor(userId: $userId) { id twoFactorEnabled }\n  }\n": typeof types.ResetUserTwoFactorDocument,
    "\n  mutation RegenerateRecoveryCodes($code: String!) {\n    regenerateRecoveryCodes(code: $code) { recoveryCodes }\n  }\n": typeof types.RegenerateRecoveryCodesDocument,
    "\n  query AdminDirectory {\n    communities { id code name district }\n    organizations { id name kind community { id name } servedCommunities { id name } }\n  }\n": typeof types.AdminDirectoryDocument,
    "\n  query AdminUsers($organizationId: ID) {\n    users(organizationId: $organizationId) { id username displayName role active twoFactorEnabled twoFactorRequired organization { id name kind } }\n  }\n": typeof types.AdminUsersDocument,
    "\n  mutation CreateCommunity($input: CreateCommunityInput!) {\n    createCommunity(input: $input) { id code name district }\n  }\n": typeof types.CreateCommunityDocument,
    "\n  mutation CreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { id name kind community { id name } servedCommunities { id name } }\n  }\n": typeof types.CreateOrganizationDocument,
    "\n  mutation UpdateCommunity($input: UpdateCommunityInput!) {\n    updateCommunity(input: $input) { id code name district }\n  }\n": typeof types.UpdateCommunityDocument,
    "\n  mutation UpdateOrganization($input: UpdateOrganizationInput!) {\n    updateOrganization(input: $input) { id name kind community { id name } servedCommunities { id name } }\n  }\n": typeof types.UpdateOrganizationDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { id username displayName role active organization { id name kind } }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation SetUserActive($userId: ID!, $active: Boolean!) {\n    setUserActive(userId: $userId, active: $active) { id active }\n  }\n": typeof types.SetUserActiveDocument,
    "\n  mutation ResetUserPassword($userId: ID!, $password: String!) {\n    resetUserPassword(userId: $userId, password: $password) { id }\n  }\n": typeof types.ResetUserPasswordDocument,
    "\n  query RoutingRules($communityId: ID) {\n    routingRules(communityId: $communityId) { id communityId category riskFlag scale organizationKinds note }\n  }\n": typeof types.RoutingRulesDocument,
    "\n  mutation SaveRoutingRule($input: SaveRoutingRuleInput!) {\n    saveRoutingRule(input: $input) { id communityId category riskFlag scale organizationKinds note }\n  }\n": typeof types.SaveRoutingRuleDocument,
    "\n  mutation DeleteRoutingRule($id: ID!) {\n    deleteRoutingRule(id: $id)\n  }\n": typeof types.DeleteRoutingRuleDocument,
    "\n  query AssignableUsers {\n    assignableUsers { id displayName role }\n  }\n": typeof types.AssignableUsersDocument,
    "\n  mutation AssignInvitation($input: AssignInvitationInput!) {\n    assignInvitation(input: $input) { id status assignee { id displayName } }\n  }\n": typeof types.AssignInvitationDocument,
    "\n  mutation AddOpinion($input: AddOpinionInput!) {\n    addOpinion(input: $input) {\n      id kind body createdAt\n      author { id displayName }\n      organization { id name kind }\n    }\n  }\n": typeof types.AddOpinionDocument,
    "\n  query PiiAccessLog($filter: PiiAccessLogFilter, $first: Int, $after: String) {\n    piiAccessLog(filter: $filter, first: $first, after: $after) {\n      totalCount hasNextPage endCursor\n      entries {\n        id at via field userId username userDisplayName organizationName\n        matterId matterReference partyId partyName ip\n      }\n    }\n  }\n": typeof types.PiiAccessLogDocument,
    "\n  query ExportPiiAccessLog($format: ExportFormat!, $filter: PiiAccessLogFilter) {\n    exportPiiAccessLog(format: $format, filter: $filter) { filename mimeType base64 }\n  }\n": typeof types.ExportPiiAccessLogDocument,
    "\n  query AuditTrail($filter: AuditTrailFilter, $first: Int, $after: String) {\n    auditTrail(filter: $filter, first: $first, after: $after) {\n      totalCount hasNextPage endCursor\n      entries { id type occurredAt actorId actorUsername actorDisplayName payload }\n    }\n  }\n": typeof types.AuditTrailDocument,
    "\n  query ExportAuditTrail($format: ExportFormat!, $filter: AuditTrailFilter) {\n    exportAuditTrail(format: $format, filter: $filter) { filename mimeType base64 }\n  }\n": typeof types.ExportAuditTrailDocument,
    "\n  query MatterLifecycle($id: ID!) {\n    matter(id: $id) {\n      id reference title category status resolvedAt closedAt followUpDueAt overdueFollowUp\n      jointRequests {\n        id\n        invitations { id status organization { id name kind } }\n      }\n      sessions {\n        id startsAt venue agenda minutes outcome outcomeRecordedAt outcomeCorrectableUntil attendees createdAt\n        organizations { id name kind }\n        attendedOrganizations { id name kind }\n        conflicts { organization { id name kind } sessionId matterReference startsAt venue }\n        terms { id description amount dueAt overdue performedAt performedNote waivedAt waivedReason supersededAt }\n        judicialConfirmedAt judicialConfirmationNote\n        judicialConfirmedBy { id displayName }\n        judicialConfirmedByOrganization { id name }\n      }\n      followUps {\n        id agreementFulfilled satisfaction notes createdAt\n        recordedBy { id displayName }\n      }\n    }\n  }\n": typeof types.MatterLifecycleDocument,
    "\n  mutation ScheduleJointSession($input: ScheduleJointSessionInput!) {\n    scheduleJointSession(input: $input) {\n      id startsAt venue\n      conflicts { organization { id name kind } sessionId matterReference startsAt venue }\n    }\n  }\n": typeof types.ScheduleJointSessionDocument,
    "\n  mutation RecordSessionAttendance($input: RecordSessionAttendanceInput!) {\n    recordSessionAttendance(input: $input) { id attendees attendedOrganizations { id name kind } }\n  }\n": typeof types.RecordSessionAttendanceDocument,
    "\n  mutation CorrectSessionOutcome($input: CorrectSessionOutcomeInput!) {\n    correctSessionOutcome(input: $input) { id minutes outcomeCorrectableUntil terms { id description amount dueAt } }\n  }\n": typeof types.CorrectSessionOutcomeDocument,
    "\n  mutation RecordSessionOutcome($input: RecordSessionOutcomeInput!) {\n    recordSessionOutcome(input: $input) {\n      id outcome minutes\n      terms { id description amount dueAt overdue performedAt }\n      matter { id status }\n    }\n  }\n": typeof types.RecordSessionOutcomeDocument,
    "\n  mutation ConfirmAgreement($sessionId: ID!, $note: String) {\n    confirmAgreement(sessionId: $sessionId, note: $note) { id judicialConfirmedAt judicialConfirmationNote }\n  }\n": typeof types.ConfirmAgreementDocument,
    "\n  mutation MarkTermPerformed($input: MarkTermPerformedInput!) {\n    markTermPerformed(input: $input) { id performedAt performedNote overdue }\n  }\n": typeof types.MarkTermPerformedDocument,
    "\n  mutation RecordFollowUp($input: RecordFollowUpInput!) {\n    recordFollowUp(input: $input) {\n      id agreementFulfilled satisfaction notes\n      matter { id status }\n    }\n  }\n": typeof types.RecordFollowUpDocument,
    "\n  query AgreementDocument($id: ID!) {\n    matter(id: $id, purpose: PRINT) {\n      id reference title description category location amountInDispute\n      community { id name district }\n      parties { id name role phone idNumber masked }\n      sessions {\n        id startsAt venue minutes outcome outcomeRecordedAt attendees\n        organizations { id name kind }\n        attendedOrganizations { id name kind }\n        terms { id description amount dueAt performedAt }\n        judicialConfirmedAt judicialConfirmationNote\n        judicialConfirmedByOrganization { id name }\n      }\n    }\n  }\n": typeof types.AgreementDocumentDocument,
    "\n  query OverdueWork($communityId: ID) {\n    overdueWork(communityId: $communityId) {\n      followUps { id reference title followUpDueAt }\n      terms { id description dueAt amount session { id matter { id reference title } } }\n    }\n  }\n": typeof types.OverdueWorkDocument,
    "\n  query ElevatorConsent($id: ID!) {\n    matter(id: $id) {\n      id\n      elevatorConsents { id unit floor area ownerName vote note updatedAt }\n      elevatorTally {\n        totalHouseholds registeredHouseholds registerComplete totalArea participatingOwners participatingArea agreeOwners agreeArea\n        disagreeOwners abstainOwners notVotedOwners participationMet approvalMet approved\n      }\n    }\n  }\n": typeof types.ElevatorConsentDocument,
    "\n  mutation RecordElevatorConsent($input: RecordElevatorConsentInput!) {\n    recordElevatorConsent(input: $input) { id unit floor area ownerName vote note }\n  }\n": typeof types.RecordElevatorConsentDocument,
    "\n  mutation SetElevatorRegister($input: SetElevatorRegisterInput!) {\n    setElevatorRegister(input: $input) { id unit floor area ownerName vote note }\n  }\n": typeof types.SetElevatorRegisterDocument,
    "\n  query CommunityActivities($kind: CommunityActivityKind) {\n    communityActivities(kind: $kind) {\n      id kind title heldAt venue agenda attendance minutes held recordedAt\n      hostOrganization { id name kind }\n      partnerOrganizations { id name kind }\n      matters { id reference title }\n      decisions { id text matters { id reference title } }\n    }\n  }\n": typeof types.CommunityActivitiesDocument,
    "\n  mutation CreateCommunityActivity($input: CreateCommunityActivityInput!) {\n    createCommunityActivity(input: $input) { id kind title heldAt }\n  }\n": typeof types.CreateCommunityActivityDocument,
    "\n  mutation RecordCommunityActivity($input: RecordCommunityActivityInput!) {\n    recordCommunityActivity(input: $input) { id held attendance minutes decisions { id text } }\n  }\n": typeof types.RecordCommunityActivityDocument,
    "\n  mutation UpdateCommunityActivity($input: UpdateCommunityActivityInput!) {\n    updateCommunityActivity(input: $input) {\n      id kind title heldAt venue agenda held\n      hostOrganization { id name kind }\n      partnerOrganizations { id name kind }\n      matters { id reference title }\n    }\n  }\n": typeof types.UpdateCommunityActivityDocument,
    "\n  query AgendaSuggestions {\n    deliberationAgendaSuggestions {\n      grouping key location category matterCount openCount\n      matters { id reference title status category location }\n    }\n  }\n": typeof types.AgendaSuggestionsDocument,
    "\n  query MatterOptions {\n    matters(first: 100) {\n      edges { node { id reference title status } }\n    }\n  }\n": typeof types.MatterOptionsDocument,
    "\n  query PublicCommunities {\n    publicCommunities { id name district }\n    publicReportConsentVersion\n    publicReportMaxPhotos\n  }\n": typeof types.PublicCommunitiesDocument,
    "\n  mutation SubmitPublicReport($input: SubmitPublicReportInput!) {\n    submitPublicReport(input: $input) {\n      trackingCode\n      status { reference status reportedAt updatedAt }\n      photoUploads { fileName url }\n    }\n  }\n": typeof types.SubmitPublicReportDocument,
    "\n  query PublicMatterStatus($trackingCode: String!) {\n    publicMatterStatus(trackingCode: $trackingCode) { reference status reportedAt updatedAt }\n  }\n": typeof types.PublicMatterStatusDocument,
    "\n  query CommunityStats($communityId: ID, $from: DateTime, $to: DateTime) {\n    communityStats(communityId: $communityId, from: $from, to: $to) {\n      total resolved resolutionRate medianDaysToResolve major demandsSolved disputesResolved\n      majorDisputesResolved consultationsAnswered\n      lawExplanationEvents deliberationMeetings publicityEvents\n      byKind { key count }\n      byCategory { key count }\n      byStatus { key count }\n      byChannel { key count }\n      byMonth { key count }\n      resolvedByMonth { key count }\n      agencies { organization { id name kind } invited accepted declined expired pending medianAnswerHours }\n      majorMatters { id reference title category status createdAt amountInDispute householdsAffected }\n    }\n  }\n": typeof types.CommunityStatsDocument,
    "\n  query CommunityOptions {\n    communities { id code name }\n  }\n": typeof types.CommunityOptionsDocument,
    "\n  query ExportMatters($format: ExportFormat!, $filter: MatterFilter, $language: ExportLanguage) {\n    exportMatters(format: $format, filter: $filter, language: $language) { filename mimeType base64 }\n  }\n": typeof types.ExportMattersDocument,
    "\n  query ExportCommunityStats($format: ExportFormat!, $communityId: ID, $from: DateTime, $to: DateTime, $language: ExportLanguage) {\n    exportCommunityStats(format: $format, communityId: $communityId, from: $from, to: $to, language: $language) { filename mimeType base64 }\n  }\n": typeof types.ExportCommunityStatsDocument,
    "\n  query Me {\n    me {\n      id\n      username\n      displayName\n      role\n      organization { id name kind community { id name } }\n      twoFactorEnabled\n      twoFactorRequired\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      expiresAt\n      mfaRequired\n      challenge\n      mfaEnrolmentRequired\n      user { id username displayName role organization { id name kind } }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query Organizations {\n    organizations { id name kind }\n  }\n": typeof types.OrganizationsDocument,
    "\n  query Matters($filter: MatterFilter, $first: Int, $after: String) {\n    matters(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id reference title kind category channel status riskLevel scale createdAt\n        }\n      }\n    }\n  }\n": typeof types.MattersDocument,
    "\n  query MatterDetail($id: ID!) {\n    matter(id: $id) {\n      id reference title description kind category channel status riskLevel riskFlags scale\n      location amountInDispute householdsAffected createdAt updatedAt\n      community { id name }\n      reporter { id displayName }\n      parties { id name role phone idNumber masked }\n      assessment {\n        id riskLevel riskFlags scale summary assessedAt\n        assessedBy { id displayName }\n        suggestedOrganizations { id name kind }\n      }\n      jointRequests {\n        id message respondBy createdAt\n        requestedBy { id displayName }\n        invitations {\n          id status note respondedAt\n          organization { id name kind }\n          respondedBy { id displayName }\n          assignee { id displayName }\n        }\n      }\n      opinions {\n        id kind body createdAt\n        author { id displayName }\n        organization { id name kind }\n      }\n      timeline { cursor type occurredAt matterId payload actor { id displayName } }\n    }\n  }\n": typeof types.MatterDetailDocument,
    "\n  query SuggestOrganizations($matterId: ID!, $riskFlags: [RiskFlag!]) {\n    suggestOrganizations(matterId: $matterId, riskFlags: $riskFlags) { id name kind }\n  }\n": typeof types.SuggestOrganizationsDocument,
    "\n  mutation ReportMatter($input: ReportMatterInput!) {\n    reportMatter(input: $input) { id reference status }\n  }\n": typeof types.ReportMatterDocument,
    "\n  mutation AssessMatter($input: AssessMatterInput!) {\n    assessMatter(input: $input) {\n      id status riskLevel riskFlags scale\n      assessment { id riskLevel riskFlags scale summary suggestedOrganizations { id name kind } }\n    }\n  }\n": typeof types.AssessMatterDocument,
    "\n  mutation RequestJointMediation($input: RequestJointMediationInput!) {\n    requestJointMediation(input: $input) {\n      id respondBy\n      invitations { id status organization { id name kind } }\n    }\n  }\n": typeof types.RequestJointMediationDocument,
    "\n  query MyInvitations($status: InvitationStatus) {\n    myInvitations(status: $status) {\n      id status note respondedAt\n      organization { id name kind }\n      assignee { id displayName }\n      request {\n        id message respondBy createdAt\n        matter { id reference title category status riskLevel }\n      }\n    }\n  }\n": typeof types.MyInvitationsDocument,
    "\n  mutation RespondToInvitation($input: RespondToInvitationInput!) {\n    respondToInvitation(input: $input) { id status note respondedAt }\n  }\n": typeof types.RespondToInvitationDocument,
    "\n  subscription InvitationReceived {\n    invitationReceived {\n      id status\n      organization { id name kind }\n      request {\n        id message respondBy\n        matter { id reference title category }\n      }\n    }\n  }\n": typeof types.InvitationReceivedDocument,
    "\n  subscription Activity($after: String) {\n    activity(after: $after) {\n      cursor type occurredAt matterId payload\n      actor { id displayName }\n    }\n  }\n": typeof types.ActivityDocument,
};
const documents: Documents = {
    "\n  query MatterAttachments($id: ID!) {\n    matter(id: $id) {\n      id\n      attachments {\n        id fileName description kind mimeType size sha256 containsPersonalData source createdAt url thumbnailUrl\n        uploadedBy { id displayName }\n        organization { id name }\n      }\n    }\n  }\n": types.MatterAttachmentsDocument,
    "\n  mutation RequestAttachmentUpload($input: RequestAttachmentUploadInput!) {\n    requestAttachmentUpload(input: $input) { url expiresAt maxBytes }\n  }\n": types.RequestAttachmentUploadDocument,
    "\n  mutation VerifyLoginMfa($challenge: String!, $code: String!) {\n    verifyLoginMfa(challenge: $challenge, code: $code) { token expiresAt }\n  }\n": types.VerifyLoginMfaDocument,
    "\n  query AccountSecurity {\n    me { id username twoFactorEnabled twoFactorRequired recoveryCodesLeft }\n    passwordPolicy { minLength maxLength }\n  }\n": types.AccountSecurityDocument,
    "\n  query MySessions {\n    mySessions { id createdAt lastSeenAt expiresAt clientAddress userAgent current }\n  }\n": types.MySessionsDocument,
    "\n  mutation BeginTotpEnrolment {\n    beginTotpEnrolment { secret otpauthUri }\n  }\n": types.BeginTotpEnrolmentDocument,
    "\n  mutation ConfirmTotpEnrolment($code: String!) {\n    confirmTotpEnrolment(code: $code) { recoveryCodes }\n  }\n": types.ConfirmTotpEnrolmentDocument,
    "\n  mutation DisableTotp($code: String!) {\n    disableTotp(code: $code)\n  }\n": types.DisableTotpDocument,
    "\n  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {\n    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": types.ChangeMyPasswordDocument,
    "\n  mutation RevokeMySession($id: ID!) {\n    revokeMySession(id: $id)\n  }\n": types.RevokeMySessionDocument,
    "\n  mutation SignOutEverywhere($keepCurrent: Boolean!) {\n    signOutEverywhere(keepCurrent: $keepCurrent)\n  }\n": types.SignOutEverywhereDocument,
    "\n  mutation ResetUserTwoFactor($userId: ID!) {\n    resetUserTwoFactor(userId: $userId) { id twoFactorEnabled }\n  }\n": types.ResetUserTwoFactorDocument,
    "\n  mutation RegenerateRecoveryCodes($code: String!) {\n    regenerateRecoveryCodes(code: $code) { recoveryCodes }\n  }\n": types.RegenerateRecoveryCodesDocument,
    "\n  query AdminDirectory {\n    communities { id code name district }\n    organizations { id name kind community { id name } servedCommunities { id name } }\n  }\n": types.AdminDirectoryDocument,
    "\n  query AdminUsers($organizationId: ID) {\n    users(organizationId: $organizationId) { id username displayName role active twoFactorEnabled twoFactorRequired organization { id name kind } }\n  }\n": types.AdminUsersDocument,
    "\n  mutation CreateCommunity($input: CreateCommunityInput!) {\n    createCommunity(input: $input) { id code name district }\n  }\n": types.CreateCommunityDocument,
    "\n  mutation CreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { id name kind community { id name } servedCommunities { id name } }\n  }\n": types.CreateOrganizationDocument,
    "\n  mutation UpdateCommunity($input: UpdateCommunityInput!) {\n    updateCommunity(input: $input) { id code name district }\n  }\n": types.UpdateCommunityDocument,
    "\n  mutation UpdateOrganization($input: UpdateOrganizationInput!) {\n    updateOrganization(input: $input) { id name kind community { id name } servedCommunities { id name } }\n  }\n": types.UpdateOrganizationDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { id username displayName role active organization { id name kind } }\n  }\n": types.CreateUserDocument,
    "\n  mutation SetUserActive($userId: ID!, $active: Boolean!) {\n    setUserActive(userId: $userId, active: $active) { id active }\n  }\n": types.SetUserActiveDocument,
    "\n  mutation ResetUserPassword($userId: ID!, $password: String!) {\n    resetUserPassword(userId: $userId, password: $password) { id }\n  }\n": types.ResetUserPasswordDocument,
    "\n  query RoutingRules($communityId: ID) {\n    routingRules(communityId: $communityId) { id communityId category riskFlag scale organizationKinds note }\n  }\n": types.RoutingRulesDocument,
    "\n  mutation SaveRoutingRule($input: SaveRoutingRuleInput!) {\n    saveRoutingRule(input: $input) { id communityId category riskFlag scale organizationKinds note }\n  }\n": types.SaveRoutingRuleDocument,
    "\n  mutation DeleteRoutingRule($id: ID!) {\n    deleteRoutingRule(id: $id)\n  }\n": types.DeleteRoutingRuleDocument,
    "\n  query AssignableUsers {\n    assignableUsers { id displayName role }\n  }\n": types.AssignableUsersDocument,
    "\n  mutation AssignInvitation($input: AssignInvitationInput!) {\n    assignInvitation(input: $input) { id status assignee { id displayName } }\n  }\n": types.AssignInvitationDocument,
    "\n  mutation AddOpinion($input: AddOpinionInput!) {\n    addOpinion(input: $input) {\n      id kind body createdAt\n      author { id displayName }\n      organization { id name kind }\n    }\n  }\n": types.AddOpinionDocument,
    "\n  query PiiAccessLog($filter: PiiAccessLogFilter, $first: Int, $after: String) {\n    piiAccessLog(filter: $filter, first: $first, after: $after) {\n      totalCount hasNextPage endCursor\n      entries {\n        id at via field userId username userDisplayName organizationName\n        matterId matterReference partyId partyName ip\n      }\n    }\n  }\n": types.PiiAccessLogDocument,
    "\n  query ExportPiiAccessLog($format: ExportFormat!, $filter: PiiAccessLogFilter) {\n    exportPiiAccessLog(format: $format, filter: $filter) { filename mimeType base64 }\n  }\n": types.ExportPiiAccessLogDocument,
    "\n  query AuditTrail($filter: AuditTrailFilter, $first: Int, $after: String) {\n    auditTrail(filter: $filter, first: $first, after: $after) {\n      totalCount hasNextPage endCursor\n      entries { id type occurredAt actorId actorUsername actorDisplayName payload }\n    }\n  }\n": types.AuditTrailDocument,
    "\n  query ExportAuditTrail($format: ExportFormat!, $filter: AuditTrailFilter) {\n    exportAuditTrail(format: $format, filter: $filter) { filename mimeType base64 }\n  }\n": types.ExportAuditTrailDocument,
    "\n  query MatterLifecycle($id: ID!) {\n    matter(id: $id) {\n      id reference title category status resolvedAt closedAt followUpDueAt overdueFollowUp\n      jointRequests {\n        id\n        invitations { id status organization { id name kind } }\n      }\n      sessions {\n        id startsAt venue agenda minutes outcome outcomeRecordedAt outcomeCorrectableUntil attendees createdAt\n        organizations { id name kind }\n        attendedOrganizations { id name kind }\n        conflicts { organization { id name kind } sessionId matterReference startsAt venue }\n        terms { id description amount dueAt overdue performedAt performedNote waivedAt waivedReason supersededAt }\n        judicialConfirmedAt judicialConfirmationNote\n        judicialConfirmedBy { id displayName }\n        judicialConfirmedByOrganization { id name }\n      }\n      followUps {\n        id agreementFulfilled satisfaction notes createdAt\n        recordedBy { id displayName }\n      }\n    }\n  }\n": types.MatterLifecycleDocument,
    "\n  mutation ScheduleJointSession($input: ScheduleJointSessionInput!) {\n    scheduleJointSession(input: $input) {\n      id startsAt venue\n      conflicts { organization { id name kind } sessionId matterReference startsAt venue }\n    }\n  }\n": types.ScheduleJointSessionDocument,
    "\n  mutation RecordSessionAttendance($input: RecordSessionAttendanceInput!) {\n    recordSessionAttendance(input: $input) { id attendees attendedOrganizations { id name kind } }\n  }\n": types.RecordSessionAttendanceDocument,
    "\n  mutation CorrectSessionOutcome($input: CorrectSessionOutcomeInput!) {\n    correctSessionOutcome(input: $input) { id minutes outcomeCorrectableUntil terms { id description amount dueAt } }\n  }\n": types.CorrectSessionOutcomeDocument,
    "\n  mutation RecordSessionOutcome($input: RecordSessionOutcomeInput!) {\n    recordSessionOutcome(input: $input) {\n      id outcome minutes\n      terms { id description amount dueAt overdue performedAt }\n      matter { id status }\n    }\n  }\n": types.RecordSessionOutcomeDocument,
    "\n  mutation ConfirmAgreement($sessionId: ID!, $note: String) {\n    confirmAgreement(sessionId: $sessionId, note: $note) { id judicialConfirmedAt judicialConfirmationNote }\n  }\n": types.ConfirmAgreementDocument,
    "\n  mutation MarkTermPerformed($input: MarkTermPerformedInput!) {\n    markTermPerformed(input: $input) { id performedAt performedNote overdue }\n  }\n": types.MarkTermPerformedDocument,
    "\n  mutation RecordFollowUp($input: RecordFollowUpInput!) {\n    recordFollowUp(input: $input) {\n      id agreementFulfilled satisfaction notes\n      matter { id status }\n    }\n  }\n": types.RecordFollowUpDocument,
    "\n  query AgreementDocument($id: ID!) {\n    matter(id: $id, purpose: PRINT) {\n      id reference title description category location amountInDispute\n      community { id name district }\n      parties { id name role phone idNumber masked }\n      sessions {\n        id startsAt venue minutes outcome outcomeRecordedAt attendees\n        organizations { id name kind }\n        attendedOrganizations { id name kind }\n        terms { id description amount dueAt performedAt }\n        judicialConfirmedAt judicialConfirmationNote\n        judicialConfirmedByOrganization { id name }\n      }\n    }\n  }\n": types.AgreementDocumentDocument,
    "\n  query OverdueWork($communityId: ID) {\n    overdueWork(communityId: $communityId) {\n      followUps { id reference title followUpDueAt }\n      terms { id description dueAt amount session { id matter { id reference title } } }\n    }\n  }\n": types.OverdueWorkDocument,
    "\n  query ElevatorConsent($id: ID!) {\n    matter(id: $id) {\n      id\n      elevatorConsents { id unit floor area ownerName vote note updatedAt }\n      elevatorTally {\n        totalHouseholds registeredHouseholds registerComplete totalArea participatingOwners participatingArea agreeOwners agreeArea\n        disagreeOwners abstainOwners notVotedOwners participationMet approvalMet approved\n      }\n    }\n  }\n": types.ElevatorConsentDocument,
    "\n  mutation RecordElevatorConsent($input: RecordElevatorConsentInput!) {\n    recordElevatorConsent(input: $input) { id unit floor area ownerName vote note }\n  }\n": types.RecordElevatorConsentDocument,
    "\n  mutation SetElevatorRegister($input: SetElevatorRegisterInput!) {\n    setElevatorRegister(input: $input) { id unit floor area ownerName vote note }\n  }\n": types.SetElevatorRegisterDocument,
    "\n  query CommunityActivities($kind: CommunityActivityKind) {\n    communityActivities(kind: $kind) {\n      id kind title heldAt venue agenda attendance minutes held recordedAt\n      hostOrganization { id name kind }\n      partnerOrganizations { id name kind }\n      matters { id reference title }\n      decisions { id text matters { id reference title } }\n    }\n  }\n": types.CommunityActivitiesDocument,
    "\n  mutation CreateCommunityActivity($input: CreateCommunityActivityInput!) {\n    createCommunityActivity(input: $input) { id kind title heldAt }\n  }\n": types.CreateCommunityActivityDocument,
    "\n  mutation RecordCommunityActivity($input: RecordCommunityActivityInput!) {\n    recordCommunityActivity(input: $input) { id held attendance minutes decisions { id text } }\n  }\n": types.RecordCommunityActivityDocument,
    "\n  mutation UpdateCommunityActivity($input: UpdateCommunityActivityInput!) {\n    updateCommunityActivity(input: $input) {\n      id kind title heldAt venue agenda held\n      hostOrganization { id name kind }\n      partnerOrganizations { id name kind }\n      matters { id reference title }\n    }\n  }\n": types.UpdateCommunityActivityDocument,
    "\n  query AgendaSuggestions {\n    deliberationAgendaSuggestions {\n      grouping key location category matterCount openCount\n      matters { id reference title status category location }\n    }\n  }\n": types.AgendaSuggestionsDocument,
    "\n  query MatterOptions {\n    matters(first: 100) {\n      edges { node { id reference title status } }\n    }\n  }\n": types.MatterOptionsDocument,
    "\n  query PublicCommunities {\n    publicCommunities { id name district }\n    publicReportConsentVersion\n    publicReportMaxPhotos\n  }\n": types.PublicCommunitiesDocument,
    "\n  mutation SubmitPublicReport($input: SubmitPublicReportInput!) {\n    submitPublicReport(input: $input) {\n      trackingCode\n      status { reference status reportedAt updatedAt }\n      photoUploads { fileName url }\n    }\n  }\n": types.SubmitPublicReportDocument,
    "\n  query PublicMatterStatus($trackingCode: String!) {\n    publicMatterStatus(trackingCode: $trackingCode) { reference status reportedAt updatedAt }\n  }\n": types.PublicMatterStatusDocument,
    "\n  query CommunityStats($communityId: ID, $from: DateTime, $to: DateTime) {\n    communityStats(communityId: $communityId, from: $from, to: $to) {\n      total resolved resolutionRate medianDaysToResolve major demandsSolved disputesResolved\n      majorDisputesResolved consultationsAnswered\n      lawExplanationEvents deliberationMeetings publicityEvents\n      byKind { key count }\n      byCategory { key count }\n      byStatus { key count }\n      byChannel { key count }\n      byMonth { key count }\n      resolvedByMonth { key count }\n      agencies { organization { id name kind } invited accepted declined expired pending medianAnswerHours }\n      majorMatters { id reference title category status createdAt amountInDispute householdsAffected }\n    }\n  }\n": types.CommunityStatsDocument,
    "\n  query CommunityOptions {\n    communities { id code name }\n  }\n": types.CommunityOptionsDocument,
    "\n  query ExportMatters($format: ExportFormat!, $filter: MatterFilter, $language: ExportLanguage) {\n    exportMatters(format: $format, filter: $filter, language: $language) { filename mimeType base64 }\n  }\n": types.ExportMattersDocument,
    "\n  query ExportCommunityStats($format: ExportFormat!, $communityId: ID, $from: DateTime, $to: DateTime, $language: ExportLanguage) {\n    exportCommunityStats(format: $format, communityId: $communityId, from: $from, to: $to, language: $language) { filename mimeType base64 }\n  }\n": types.ExportCommunityStatsDocument,
    "\n  query Me {\n    me {\n      id\n      username\n      displayName\n      role\n      organization { id name kind community { id name } }\n      twoFactorEnabled\n      twoFactorRequired\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      expiresAt\n      mfaRequired\n      challenge\n      mfaEnrolmentRequired\n      user { id username displayName role organization { id name kind } }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query Organizations {\n    organizations { id name kind }\n  }\n": types.OrganizationsDocument,
    "\n  query Matters($filter: MatterFilter, $first: Int, $after: String) {\n    matters(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id reference title kind category channel status riskLevel scale createdAt\n        }\n      }\n    }\n  }\n": types.MattersDocument,
    "\n  query MatterDetail($id: ID!) {\n    matter(id: $id) {\n      id reference title description kind category channel status riskLevel riskFlags scale\n      location amountInDispute householdsAffected createdAt updatedAt\n      community { id name }\n      reporter { id displayName }\n      parties { id name role phone idNumber masked }\n      assessment {\n        id riskLevel riskFlags scale summary assessedAt\n        assessedBy { id displayName }\n        suggestedOrganizations { id name kind }\n      }\n      jointRequests {\n        id message respondBy createdAt\n        requestedBy { id displayName }\n        invitations {\n          id status note respondedAt\n          organization { id name kind }\n          respondedBy { id displayName }\n          assignee { id displayName }\n        }\n      }\n      opinions {\n        id kind body createdAt\n        author { id displayName }\n        organization { id name kind }\n      }\n      timeline { cursor type occurredAt matterId payload actor { id displayName } }\n    }\n  }\n": types.MatterDetailDocument,
    "\n  query SuggestOrganizations($matterId: ID!, $riskFlags: [RiskFlag!]) {\n    suggestOrganizations(matterId: $matterId, riskFlags: $riskFlags) { id name kind }\n  }\n": types.SuggestOrganizationsDocument,
    "\n  mutation ReportMatter($input: ReportMatterInput!) {\n    reportMatter(input: $input) { id reference status }\n  }\n": types.ReportMatterDocument,
    "\n  mutation AssessMatter($input: AssessMatterInput!) {\n    assessMatter(input: $input) {\n      id status riskLevel riskFlags scale\n      assessment { id riskLevel riskFlags scale summary suggestedOrganizations { id name kind } }\n    }\n  }\n": types.AssessMatterDocument,
    "\n  mutation RequestJointMediation($input: RequestJointMediationInput!) {\n    requestJointMediation(input: $input) {\n      id respondBy\n      invitations { id status organization { id name kind } }\n    }\n  }\n": types.RequestJointMediationDocument,
    "\n  query MyInvitations($status: InvitationStatus) {\n    myInvitations(status: $status) {\n      id status note respondedAt\n      organization { id name kind }\n      assignee { id displayName }\n      request {\n        id message respondBy createdAt\n        matter { id reference title category status riskLevel }\n      }\n    }\n  }\n": types.MyInvitationsDocument,
    "\n  mutation RespondToInvitation($input: RespondToInvitationInput!) {\n    respondToInvitation(input: $input) { id status note respondedAt }\n  }\n": types.RespondToInvitationDocument,
    "\n  subscription InvitationReceived {\n    invitationReceived {\n      id status\n      organization { id name kind }\n      request {\n        id message respondBy\n        matter { id reference title category }\n      }\n    }\n  }\n": types.InvitationReceivedDocument,
    "\n  subscription Activity($after: String) {\n    activity(after: $after) {\n      cursor type occurredAt matterId payload\n      actor { id displayName }\n    }\n  }\n": types.ActivityDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MatterAttachments($id: ID!) {\n    matter(id: $id) {\n      id\n      attachments {\n        id fileName description kind mimeType size sha256 containsPersonalData source createdAt url thumbnailUrl\n        uploadedBy { id displayName }\n        organization { id name }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MatterAttachments($id: ID!) {\n    matter(id: $id) {\n      id\n      attachments {\n        id fileName description kind mimeType size sha256 containsPersonalData source createdAt url thumbnailUrl\n        uploadedBy { id displayName }\n        organization { id name }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestAttachmentUpload($input: RequestAttachmentUploadInput!) {\n    requestAttachmentUpload(input: $input) { url expiresAt maxBytes }\n  }\n"): (typeof documents)["\n  mutation RequestAttachmentUpload($input: RequestAttachmentUploadInput!) {\n    requestAttachmentUpload(input: $input) { url expiresAt maxBytes }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyLoginMfa($challenge: String!, $code: String!) {\n    verifyLoginMfa(challenge: $challenge, code: $code) { token expiresAt }\n  }\n"): (typeof documents)["\n  mutation VerifyLoginMfa($challenge: String!, $code: String!) {\n    verifyLoginMfa(challenge: $challenge, code: $code) { token expiresAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountSecurity {\n    me { id username twoFactorEnabled twoFactorRequired recoveryCodesLeft }\n    passwordPolicy { minLength maxLength }\n  }\n"): (typeof documents)["\n  query AccountSecurity {\n    me { id username twoFactorEnabled twoFactorRequired recoveryCodesLeft }\n    passwordPolicy { minLength maxLength }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySessions {\n    mySessions { id createdAt lastSeenAt expiresAt clientAddress userAgent current }\n  }\n"): (typeof documents)["\n  query MySessions {\n    mySessions { id createdAt lastSeenAt expiresAt clientAddress userAgent current }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BeginTotpEnrolment {\n    beginTotpEnrolment { secret otpauthUri }\n  }\n"): (typeof documents)["\n  mutation BeginTotpEnrolment {\n    beginTotpEnrolment { secret otpauthUri }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmTotpEnrolment($code: String!) {\n    confirmTotpEnrolment(code: $code) { recoveryCodes }\n  }\n"): (typeof documents)["\n  mutation ConfirmTotpEnrolment($code: String!) {\n    confirmTotpEnrolment(code: $code) { recoveryCodes }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableTotp($code: String!) {\n    disableTotp(code: $code)\n  }\n"): (typeof documents)["\n  mutation DisableTotp($code: String!) {\n    disableTotp(code: $code)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {\n    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {\n    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeMySession($id: ID!) {\n    revokeMySession(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeMySession($id: ID!) {\n    revokeMySession(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOutEverywhere($keepCurrent: Boolean!) {\n    signOutEverywhere(keepCurrent: $keepCurrent)\n  }\n"): (typeof documents)["\n  mutation SignOutEverywhere($keepCurrent: Boolean!) {\n    signOutEverywhere(keepCurrent: $keepCurrent)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetUserTwoFactor($userId: ID!) {\n    resetUserTwoFactor(userId: $userId) { id twoFactorEnabled }\n  }\n"): (typeof documents)["\n  mutation ResetUserTwoFactor($userId: ID!) {\n    resetUserTwoFactor(userId: $userId) { id twoFactorEnabled }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegenerateRecoveryCodes($code: String!) {\n    regenerateRecoveryCodes(code: $code) { recoveryCodes }\n  }\n"): (typeof documents)["\n  mutation RegenerateRecoveryCodes($code: String!) {\n    regenerateRecoveryCodes(code: $code) { recoveryCodes }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminDirectory {\n    communities { id code name district }\n    organizations { id name kind community { id name } servedCommunities { id name } }\n  }\n"): (typeof documents)["\n  query AdminDirectory {\n    communities { id code name district }\n    organizations { id name kind community { id name } servedCommunities { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUsers($organizationId: ID) {\n    users(organizationId: $organizationId) { id username displayName role active twoFactorEnabled twoFactorRequired organization { id name kind } }\n  }\n"): (typeof documents)["\n  query AdminUsers($organizationId: ID) {\n    users(organizationId: $organizationId) { id username displayName role active twoFactorEnabled twoFactorRequired organization { id name kind } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCommunity($input: CreateCommunityInput!) {\n    createCommunity(input: $input) { id code name district }\n  }\n"): (typeof documents)["\n  mutation CreateCommunity($input: CreateCommunityInput!) {\n    createCommunity(input: $input) { id code name district }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { id name kind community { id name } servedCommunities { id name } }\n  }\n"): (typeof documents)["\n  mutation CreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) { id name kind community { id name } servedCommunities { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCommunity($input: UpdateCommunityInput!) {\n    updateCommunity(input: $input) { id code name district }\n  }\n"): (typeof documents)["\n  mutation UpdateCommunity($input: UpdateCommunityInput!) {\n    updateCommunity(input: $input) { id code name district }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateOrganization($input: UpdateOrganizationInput!) {\n    updateOrganization(input: $input) { id name kind community { id name } servedCommunities { id name } }\n  }\n"): (typeof documents)["\n  mutation UpdateOrganization($input: UpdateOrganizationInput!) {\n    updateOrganization(input: $input) { id name kind community { id name } servedCommunities { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { id username displayName role active organization { id name kind } }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { id username displayName role active organization { id name kind } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserActive($userId: ID!, $active: Boolean!) {\n    setUserActive(userId: $userId, active: $active) { id active }\n  }\n"): (typeof documents)["\n  mutation SetUserActive($userId: ID!, $active: Boolean!) {\n    setUserActive(userId: $userId, active: $active) { id active }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetUserPassword($userId: ID!, $password: String!) {\n    resetUserPassword(userId: $userId, password: $password) { id }\n  }\n"): (typeof documents)["\n  mutation ResetUserPassword($userId: ID!, $password: String!) {\n    resetUserPassword(userId: $userId, password: $password) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoutingRules($communityId: ID) {\n    routingRules(communityId: $communityId) { id communityId category riskFlag scale organizationKinds note }\n  }\n"): (typeof documents)["\n  query RoutingRules($communityId: ID) {\n    routingRules(communityId: $communityId) { id communityId category riskFlag scale organizationKinds note }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveRoutingRule($input: SaveRoutingRuleInput!) {\n    saveRoutingRule(input: $input) { id communityId category riskFlag scale organizationKinds note }\n  }\n"): (typeof documents)["\n  mutation SaveRoutingRule($input: SaveRoutingRuleInput!) {\n    saveRoutingRule(input: $input) { id communityId category riskFlag scale organizationKinds note }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteRoutingRule($id: ID!) {\n    deleteRoutingRule(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteRoutingRule($id: ID!) {\n    deleteRoutingRule(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssignableUsers {\n    assignableUsers { id displayName role }\n  }\n"): (typeof documents)["\n  query AssignableUsers {\n    assignableUsers { id displayName role }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignInvitation($input: AssignInvitationInput!) {\n    assignInvitation(input: $input) { id status assignee { id displayName } }\n  }\n"): (typeof documents)["\n  mutation AssignInvitation($input: AssignInvitationInput!) {\n    assignInvitation(input: $input) { id status assignee { id displayName } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddOpinion($input: AddOpinionInput!) {\n    addOpinion(input: $input) {\n      id kind body createdAt\n      author { id displayName }\n      organization { id name kind }\n    }\n  }\n"): (typeof documents)["\n  mutation AddOpinion($input: AddOpinionInput!) {\n    addOpinion(input: $input) {\n      id kind body createdAt\n      author { id displayName }\n      organization { id name kind }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PiiAccessLog($filter: PiiAccessLogFilter, $first: Int, $after: String) {\n    piiAccessLog(filter: $filter, first: $first, after: $after) {\n      totalCount hasNextPage endCursor\n      entries {\n        id at via field userId username userDisplayName organizationName\n        matterId matterReference partyId partyName ip\n      }\n    }\n  }\n"): (typeof documents)["\n  query PiiAccessLog($filter: PiiAccessLogFilter, $first: Int, $after: String) {\n    piiAccessLog(filter: $filter, first: $first, after: $after) {\n      totalCount hasNextPage endCursor\n      entries {\n        id at via field userId username userDisplayName organizationName\n        matterId matterReference partyId partyName ip\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportPiiAccessLog($format: ExportFormat!, $filter: PiiAccessLogFilter) {\n    exportPiiAccessLog(format: $format, filter: $filter) { filename mimeType base64 }\n  }\n"): (typeof documents)["\n  query ExportPiiAccessLog($format: ExportFormat!, $filter: PiiAccessLogFilter) {\n    exportPiiAccessLog(format: $format, filter: $filter) { filename mimeType base64 }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTrail($filter: AuditTrailFilter, $first: Int, $after: String) {\n    auditTrail(filter: $filter, first: $first, after: $after) {\n      totalCount hasNextPage endCursor\n      entries { id type occurredAt actorId actorUsername actorDisplayName payload }\n    }\n  }\n"): (typeof documents)["\n  query AuditTrail($filter: AuditTrailFilter, $first: Int, $after: String) {\n    auditTrail(filter: $filter, first: $first, after: $after) {\n      totalCount hasNextPage endCursor\n      entries { id type occurredAt actorId actorUsername actorDisplayName payload }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportAuditTrail($format: ExportFormat!, $filter: AuditTrailFilter) {\n    exportAuditTrail(format: $format, filter: $filter) { filename mimeType base64 }\n  }\n"): (typeof documents)["\n  query ExportAuditTrail($format: ExportFormat!, $filter: AuditTrailFilter) {\n    exportAuditTrail(format: $format, filter: $filter) { filename mimeType base64 }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MatterLifecycle($id: ID!) {\n    matter(id: $id) {\n      id reference title category status resolvedAt closedAt followUpDueAt overdueFollowUp\n      jointRequests {\n        id\n        invitations { id status organization { id name kind } }\n      }\n      sessions {\n        id startsAt venue agenda minutes outcome outcomeRecordedAt outcomeCorrectableUntil attendees createdAt\n        organizations { id name kind }\n        attendedOrganizations { id name kind }\n        conflicts { organization { id name kind } sessionId matterReference startsAt venue }\n        terms { id description amount dueAt overdue performedAt performedNote waivedAt waivedReason supersededAt }\n        judicialConfirmedAt judicialConfirmationNote\n        judicialConfirmedBy { id displayName }\n        judicialConfirmedByOrganization { id name }\n      }\n      followUps {\n        id agreementFulfilled satisfaction notes createdAt\n        recordedBy { id displayName }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MatterLifecycle($id: ID!) {\n    matter(id: $id) {\n      id reference title category status resolvedAt closedAt followUpDueAt overdueFollowUp\n      jointRequests {\n        id\n        invitations { id status organization { id name kind } }\n      }\n      sessions {\n        id startsAt venue agenda minutes outcome outcomeRecordedAt outcomeCorrectableUntil attendees createdAt\n        organizations { id name kind }\n        attendedOrganizations { id name kind }\n        conflicts { organization { id name kind } sessionId matterReference startsAt venue }\n        terms { id description amount dueAt overdue performedAt performedNote waivedAt waivedReason supersededAt }\n        judicialConfirmedAt judicialConfirmationNote\n        judicialConfirmedBy { id displayName }\n        judicialConfirmedByOrganization { id name }\n      }\n      followUps {\n        id agreementFulfilled satisfaction notes createdAt\n        recordedBy { id displayName }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScheduleJointSession($input: ScheduleJointSessionInput!) {\n    scheduleJointSession(input: $input) {\n      id startsAt venue\n      conflicts { organization { id name kind } sessionId matterReference startsAt venue }\n    }\n  }\n"): (typeof documents)["\n  mutation ScheduleJointSession($input: ScheduleJointSessionInput!) {\n    scheduleJointSession(input: $input) {\n      id startsAt venue\n      conflicts { organization { id name kind } sessionId matterReference startsAt venue }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordSessionAttendance($input: RecordSessionAttendanceInput!) {\n    recordSessionAttendance(input: $input) { id attendees attendedOrganizations { id name kind } }\n  }\n"): (typeof documents)["\n  mutation RecordSessionAttendance($input: RecordSessionAttendanceInput!) {\n    recordSessionAttendance(input: $input) { id attendees attendedOrganizations { id name kind } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CorrectSessionOutcome($input: CorrectSessionOutcomeInput!) {\n    correctSessionOutcome(input: $input) { id minutes outcomeCorrectableUntil terms { id description amount dueAt } }\n  }\n"): (typeof documents)["\n  mutation CorrectSessionOutcome($input: CorrectSessionOutcomeInput!) {\n    correctSessionOutcome(input: $input) { id minutes outcomeCorrectableUntil terms { id description amount dueAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordSessionOutcome($input: RecordSessionOutcomeInput!) {\n    recordSessionOutcome(input: $input) {\n      id outcome minutes\n      terms { id description amount dueAt overdue performedAt }\n      matter { id status }\n    }\n  }\n"): (typeof documents)["\n  mutation RecordSessionOutcome($input: RecordSessionOutcomeInput!) {\n    recordSessionOutcome(input: $input) {\n      id outcome minutes\n      terms { id description amount dueAt overdue performedAt }\n      matter { id status }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmAgreement($sessionId: ID!, $note: String) {\n    confirmAgreement(sessionId: $sessionId, note: $note) { id judicialConfirmedAt judicialConfirmationNote }\n  }\n"): (typeof documents)["\n  mutation ConfirmAgreement($sessionId: ID!, $note: String) {\n    confirmAgreement(sessionId: $sessionId, note: $note) { id judicialConfirmedAt judicialConfirmationNote }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkTermPerformed($input: MarkTermPerformedInput!) {\n    markTermPerformed(input: $input) { id performedAt performedNote overdue }\n  }\n"): (typeof documents)["\n  mutation MarkTermPerformed($input: MarkTermPerformedInput!) {\n    markTermPerformed(input: $input) { id performedAt performedNote overdue }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordFollowUp($input: RecordFollowUpInput!) {\n    recordFollowUp(input: $input) {\n      id agreementFulfilled satisfaction notes\n      matter { id status }\n    }\n  }\n"): (typeof documents)["\n  mutation RecordFollowUp($input: RecordFollowUpInput!) {\n    recordFollowUp(input: $input) {\n      id agreementFulfilled satisfaction notes\n      matter { id status }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgreementDocument($id: ID!) {\n    matter(id: $id, purpose: PRINT) {\n      id reference title description category location amountInDispute\n      community { id name district }\n      parties { id name role phone idNumber masked }\n      sessions {\n        id startsAt venue minutes outcome outcomeRecordedAt attendees\n        organizations { id name kind }\n        attendedOrganizations { id name kind }\n        terms { id description amount dueAt performedAt }\n        judicialConfirmedAt judicialConfirmationNote\n        judicialConfirmedByOrganization { id name }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgreementDocument($id: ID!) {\n    matter(id: $id, purpose: PRINT) {\n      id reference title description category location amountInDispute\n      community { id name district }\n      parties { id name role phone idNumber masked }\n      sessions {\n        id startsAt venue minutes outcome outcomeRecordedAt attendees\n        organizations { id name kind }\n        attendedOrganizations { id name kind }\n        terms { id description amount dueAt performedAt }\n        judicialConfirmedAt judicialConfirmationNote\n        judicialConfirmedByOrganization { id name }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverdueWork($communityId: ID) {\n    overdueWork(communityId: $communityId) {\n      followUps { id reference title followUpDueAt }\n      terms { id description dueAt amount session { id matter { id reference title } } }\n    }\n  }\n"): (typeof documents)["\n  query OverdueWork($communityId: ID) {\n    overdueWork(communityId: $communityId) {\n      followUps { id reference title followUpDueAt }\n      terms { id description dueAt amount session { id matter { id reference title } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ElevatorConsent($id: ID!) {\n    matter(id: $id) {\n      id\n      elevatorConsents { id unit floor area ownerName vote note updatedAt }\n      elevatorTally {\n        totalHouseholds registeredHouseholds registerComplete totalArea participatingOwners participatingArea agreeOwners agreeArea\n        disagreeOwners abstainOwners notVotedOwners participationMet approvalMet approved\n      }\n    }\n  }\n"): (typeof documents)["\n  query ElevatorConsent($id: ID!) {\n    matter(id: $id) {\n      id\n      elevatorConsents { id unit floor area ownerName vote note updatedAt }\n      elevatorTally {\n        totalHouseholds registeredHouseholds registerComplete totalArea participatingOwners participatingArea agreeOwners agreeArea\n        disagreeOwners abstainOwners notVotedOwners participationMet approvalMet approved\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordElevatorConsent($input: RecordElevatorConsentInput!) {\n    recordElevatorConsent(input: $input) { id unit floor area ownerName vote note }\n  }\n"): (typeof documents)["\n  mutation RecordElevatorConsent($input: RecordElevatorConsentInput!) {\n    recordElevatorConsent(input: $input) { id unit floor area ownerName vote note }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetElevatorRegister($input: SetElevatorRegisterInput!) {\n    setElevatorRegister(input: $input) { id unit floor area ownerName vote note }\n  }\n"): (typeof documents)["\n  mutation SetElevatorRegister($input: SetElevatorRegisterInput!) {\n    setElevatorRegister(input: $input) { id unit floor area ownerName vote note }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CommunityActivities($kind: CommunityActivityKind) {\n    communityActivities(kind: $kind) {\n      id kind title heldAt venue agenda attendance minutes held recordedAt\n      hostOrganization { id name kind }\n      partnerOrganizations { id name kind }\n      matters { id reference title }\n      decisions { id text matters { id reference title } }\n    }\n  }\n"): (typeof documents)["\n  query CommunityActivities($kind: CommunityActivityKind) {\n    communityActivities(kind: $kind) {\n      id kind title heldAt venue agenda attendance minutes held recordedAt\n      hostOrganization { id name kind }\n      partnerOrganizations { id name kind }\n      matters { id reference title }\n      decisions { id text matters { id reference title } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCommunityActivity($input: CreateCommunityActivityInput!) {\n    createCommunityActivity(input: $input) { id kind title heldAt }\n  }\n"): (typeof documents)["\n  mutation CreateCommunityActivity($input: CreateCommunityActivityInput!) {\n    createCommunityActivity(input: $input) { id kind title heldAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordCommunityActivity($input: RecordCommunityActivityInput!) {\n    recordCommunityActivity(input: $input) { id held attendance minutes decisions { id text } }\n  }\n"): (typeof documents)["\n  mutation RecordCommunityActivity($input: RecordCommunityActivityInput!) {\n    recordCommunityActivity(input: $input) { id held attendance minutes decisions { id text } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCommunityActivity($input: UpdateCommunityActivityInput!) {\n    updateCommunityActivity(input: $input) {\n      id kind title heldAt venue agenda held\n      hostOrganization { id name kind }\n      partnerOrganizations { id name kind }\n      matters { id reference title }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCommunityActivity($input: UpdateCommunityActivityInput!) {\n    updateCommunityActivity(input: $input) {\n      id kind title heldAt venue agenda held\n      hostOrganization { id name kind }\n      partnerOrganizations { id name kind }\n      matters { id reference title }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgendaSuggestions {\n    deliberationAgendaSuggestions {\n      grouping key location category matterCount openCount\n      matters { id reference title status category location }\n    }\n  }\n"): (typeof documents)["\n  query AgendaSuggestions {\n    deliberationAgendaSuggestions {\n      grouping key location category matterCount openCount\n      matters { id reference title status category location }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MatterOptions {\n    matters(first: 100) {\n      edges { node { id reference title status } }\n    }\n  }\n"): (typeof documents)["\n  query MatterOptions {\n    matters(first: 100) {\n      edges { node { id reference title status } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublicCommunities {\n    publicCommunities { id name district }\n    publicReportConsentVersion\n    publicReportMaxPhotos\n  }\n"): (typeof documents)["\n  query PublicCommunities {\n    publicCommunities { id name district }\n    publicReportConsentVersion\n    publicReportMaxPhotos\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitPublicReport($input: SubmitPublicReportInput!) {\n    submitPublicReport(input: $input) {\n      trackingCode\n      status { reference status reportedAt updatedAt }\n      photoUploads { fileName url }\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitPublicReport($input: SubmitPublicReportInput!) {\n    submitPublicReport(input: $input) {\n      trackingCode\n      status { reference status reportedAt updatedAt }\n      photoUploads { fileName url }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublicMatterStatus($trackingCode: String!) {\n    publicMatterStatus(trackingCode: $trackingCode) { reference status reportedAt updatedAt }\n  }\n"): (typeof documents)["\n  query PublicMatterStatus($trackingCode: String!) {\n    publicMatterStatus(trackingCode: $trackingCode) { reference status reportedAt updatedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CommunityStats($communityId: ID, $from: DateTime, $to: DateTime) {\n    communityStats(communityId: $communityId, from: $from, to: $to) {\n      total resolved resolutionRate medianDaysToResolve major demandsSolved disputesResolved\n      majorDisputesResolved consultationsAnswered\n      lawExplanationEvents deliberationMeetings publicityEvents\n      byKind { key count }\n      byCategory { key count }\n      byStatus { key count }\n      byChannel { key count }\n      byMonth { key count }\n      resolvedByMonth { key count }\n      agencies { organization { id name kind } invited accepted declined expired pending medianAnswerHours }\n      majorMatters { id reference title category status createdAt amountInDispute householdsAffected }\n    }\n  }\n"): (typeof documents)["\n  query CommunityStats($communityId: ID, $from: DateTime, $to: DateTime) {\n    communityStats(communityId: $communityId, from: $from, to: $to) {\n      total resolved resolutionRate medianDaysToResolve major demandsSolved disputesResolved\n      majorDisputesResolved consultationsAnswered\n      lawExplanationEvents deliberationMeetings publicityEvents\n      byKind { key count }\n      byCategory { key count }\n      byStatus { key count }\n      byChannel { key count }\n      byMonth { key count }\n      resolvedByMonth { key count }\n      agencies { organization { id name kind } invited accepted declined expired pending medianAnswerHours }\n      majorMatters { id reference title category status createdAt amountInDispute householdsAffected }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CommunityOptions {\n    communities { id code name }\n  }\n"): (typeof documents)["\n  query CommunityOptions {\n    communities { id code name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportMatters($format: ExportFormat!, $filter: MatterFilter, $language: ExportLanguage) {\n    exportMatters(format: $format, filter: $filter, language: $language) { filename mimeType base64 }\n  }\n"): (typeof documents)["\n  query ExportMatters($format: ExportFormat!, $filter: MatterFilter, $language: ExportLanguage) {\n    exportMatters(format: $format, filter: $filter, language: $language) { filename mimeType base64 }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportCommunityStats($format: ExportFormat!, $communityId: ID, $from: DateTime, $to: DateTime, $language: ExportLanguage) {\n    exportCommunityStats(format: $format, communityId: $communityId, from: $from, to: $to, language: $language) { filename mimeType base64 }\n  }\n"): (typeof documents)["\n  query ExportCommunityStats($format: ExportFormat!, $communityId: ID, $from: DateTime, $to: DateTime, $language: ExportLanguage) {\n    exportCommunityStats(format: $format, communityId: $communityId, from: $from, to: $to, language: $language) { filename mimeType base64 }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      username\n      displayName\n      role\n      organization { id name kind community { id name } }\n      twoFactorEnabled\n      twoFactorRequired\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      username\n      displayName\n      role\n      organization { id name kind community { id name } }\n      twoFactorEnabled\n      twoFactorRequired\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      expiresAt\n      mfaRequired\n      challenge\n      mfaEnrolmentRequired\n      user { id username displayName role organization { id name kind } }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      expiresAt\n      mfaRequired\n      challenge\n      mfaEnrolmentRequired\n      user { id username displayName role organization { id name kind } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Organizations {\n    organizations { id name kind }\n  }\n"): (typeof documents)["\n  query Organizations {\n    organizations { id name kind }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Matters($filter: MatterFilter, $first: Int, $after: String) {\n    matters(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id reference title kind category channel status riskLevel scale createdAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Matters($filter: MatterFilter, $first: Int, $after: String) {\n    matters(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id reference title kind category channel status riskLevel scale createdAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MatterDetail($id: ID!) {\n    matter(id: $id) {\n      id reference title description kind category channel status riskLevel riskFlags scale\n      location amountInDispute householdsAffected createdAt updatedAt\n      community { id name }\n      reporter { id displayName }\n      parties { id name role phone idNumber masked }\n      assessment {\n        id riskLevel riskFlags scale summary assessedAt\n        assessedBy { id displayName }\n        suggestedOrganizations { id name kind }\n      }\n      jointRequests {\n        id message respondBy createdAt\n        requestedBy { id displayName }\n        invitations {\n          id status note respondedAt\n          organization { id name kind }\n          respondedBy { id displayName }\n          assignee { id displayName }\n        }\n      }\n      opinions {\n        id kind body createdAt\n        author { id displayName }\n        organization { id name kind }\n      }\n      timeline { cursor type occurredAt matterId payload actor { id displayName } }\n    }\n  }\n"): (typeof documents)["\n  query MatterDetail($id: ID!) {\n    matter(id: $id) {\n      id reference title description kind category channel status riskLevel riskFlags scale\n      location amountInDispute householdsAffected createdAt updatedAt\n      community { id name }\n      reporter { id displayName }\n      parties { id name role phone idNumber masked }\n      assessment {\n        id riskLevel riskFlags scale summary assessedAt\n        assessedBy { id displayName }\n        suggestedOrganizations { id name kind }\n      }\n      jointRequests {\n        id message respondBy createdAt\n        requestedBy { id displayName }\n        invitations {\n          id status note respondedAt\n          organization { id name kind }\n          respondedBy { id displayName }\n          assignee { id displayName }\n        }\n      }\n      opinions {\n        id kind body createdAt\n        author { id displayName }\n        organization { id name kind }\n      }\n      timeline { cursor type occurredAt matterId payload actor { id displayName } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SuggestOrganizations($matterId: ID!, $riskFlags: [RiskFlag!]) {\n    suggestOrganizations(matterId: $matterId, riskFlags: $riskFlags) { id name kind }\n  }\n"): (typeof documents)["\n  query SuggestOrganizations($matterId: ID!, $riskFlags: [RiskFlag!]) {\n    suggestOrganizations(matterId: $matterId, riskFlags: $riskFlags) { id name kind }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportMatter($input: ReportMatterInput!) {\n    reportMatter(input: $input) { id reference status }\n  }\n"): (typeof documents)["\n  mutation ReportMatter($input: ReportMatterInput!) {\n    reportMatter(input: $input) { id reference status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssessMatter($input: AssessMatterInput!) {\n    assessMatter(input: $input) {\n      id status riskLevel riskFlags scale\n      assessment { id riskLevel riskFlags scale summary suggestedOrganizations { id name kind } }\n    }\n  }\n"): (typeof documents)["\n  mutation AssessMatter($input: AssessMatterInput!) {\n    assessMatter(input: $input) {\n      id status riskLevel riskFlags scale\n      assessment { id riskLevel riskFlags scale summary suggestedOrganizations { id name kind } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestJointMediation($input: RequestJointMediationInput!) {\n    requestJointMediation(input: $input) {\n      id respondBy\n      invitations { id status organization { id name kind } }\n    }\n  }\n"): (typeof documents)["\n  mutation RequestJointMediation($input: RequestJointMediationInput!) {\n    requestJointMediation(input: $input) {\n      id respondBy\n      invitations { id status organization { id name kind } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyInvitations($status: InvitationStatus) {\n    myInvitations(status: $status) {\n      id status note respondedAt\n      organization { id name kind }\n      assignee { id displayName }\n      request {\n        id message respondBy createdAt\n        matter { id reference title category status riskLevel }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyInvitations($status: InvitationStatus) {\n    myInvitations(status: $status) {\n      id status note respondedAt\n      organization { id name kind }\n      assignee { id displayName }\n      request {\n        id message respondBy createdAt\n        matter { id reference title category status riskLevel }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RespondToInvitation($input: RespondToInvitationInput!) {\n    respondToInvitation(input: $input) { id status note respondedAt }\n  }\n"): (typeof documents)["\n  mutation RespondToInvitation($input: RespondToInvitationInput!) {\n    respondToInvitation(input: $input) { id status note respondedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription InvitationReceived {\n    invitationReceived {\n      id status\n      organization { id name kind }\n      request {\n        id message respondBy\n        matter { id reference title category }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription InvitationReceived {\n    invitationReceived {\n      id status\n      organization { id name kind }\n      request {\n        id message respondBy\n        matter { id reference title category }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Activity($after: String) {\n    activity(after: $after) {\n      cursor type occurredAt matterId payload\n      actor { id displayName }\n    }\n  }\n"): (typeof documents)["\n  subscription Activity($after: String) {\n    activity(after: $after) {\n      cursor type occurredAt matterId payload\n      actor { id displayName }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;