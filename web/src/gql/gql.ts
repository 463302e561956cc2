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
    "\n  query Me {\n    me {\n      id\n      username\n      displayName\n      role\n      organization { id name kind community { id name } }\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      expiresAt\n      user { id username displayName role organization { id name kind } }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query Organizations {\n    organizations { id name kind }\n  }\n": typeof types.OrganizationsDocument,
    "\n  query Matters($filter: MatterFilter, $first: Int, $after: String) {\n    matters(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id reference title kind category channel status riskLevel scale createdAt\n        }\n      }\n    }\n  }\n": typeof types.MattersDocument,
    "\n  query MatterDetail($id: ID!) {\n    matter(id: $id) {\n      id reference title description kind category channel status riskLevel riskFlags scale\n      location amountInDispute householdsAffected createdAt updatedAt\n      community { id name }\n      reporter { id displayName }\n      parties { id name role phone idNumber masked }\n      assessment {\n        id riskLevel riskFlags scale summary assessedAt\n        assessedBy { id displayName }\n        suggestedOrganizations { id name kind }\n      }\n      jointRequests {\n        id message respondBy createdAt\n        requestedBy { id displayName }\n        invitations {\n          id status note respondedAt\n          organization { id name kind }\n          respondedBy { id displayName }\n        }\n      }\n      timeline { cursor type occurredAt matterId payload actor { id displayName } }\n    }\n  }\n": typeof types.MatterDetailDocument,
    "\n  query SuggestOrganizations($matterId: ID!, $riskFlags: [RiskFlag!]) {\n    suggestOrganizations(matterId: $matterId, riskFlags: $riskFlags) { id name kind }\n  }\n": typeof types.SuggestOrganizationsDocument,
    "\n  mutation ReportMatter($input: ReportMatterInput!) {\n    reportMatter(input: $input) { id reference status }\n  }\n": typeof types.ReportMatterDocument,
    "\n  mutation AssessMatter($input: AssessMatterInput!) {\n    assessMatter(input: $input) {\n      id status riskLevel riskFlags scale\n      assessment { id riskLevel riskFlags scale summary suggestedOrganizations { id name kind } }\n    }\n  }\n": typeof types.AssessMatterDocument,
    "\n  mutation RequestJointMediation($input: RequestJointMediationInput!) {\n    requestJointMediation(input: $input) {\n      id respondBy\n      invitations { id status organization { id name kind } }\n    }\n  }\n": typeof types.RequestJointMediationDocument,
    "\n  query MyInvitations($status: InvitationStatus) {\n    myInvitations(status: $status) {\n      id status note respondedAt\n      organization { id name kind }\n      request {\n        id message respondBy createdAt\n        matter { id reference title category status riskLevel }\n      }\n    }\n  }\n": typeof types.MyInvitationsDocument,
    "\n  mutation RespondToInvitation($input: RespondToInvitationInput!) {\n    respondToInvitation(input: $input) { id status note respondedAt }\n  }\n": typeof types.RespondToInvitationDocument,
    "\n  subscription InvitationReceived {\n    invitationReceived {\n      id status\n      organization { id name kind }\n      request {\n        id message respondBy\n        matter { id reference title category }\n      }\n    }\n  }\n": typeof types.InvitationReceivedDocument,
    "\n  subscription Activity($after: String) {\n    activity(after: $after) {\n      cursor type occurredAt matterId payload\n      actor { id displayName }\n    }\n  }\n": typeof types.ActivityDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      id\n      username\n      displayName\n      role\n      organization { id name kind community { id name } }\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      expiresAt\n      user { id username displayName role organization { id name kind } }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query Organizations {\n    organizations { id name kind }\n  }\n": types.OrganizationsDocument,
    "\n  query Matters($filter: MatterFilter, $first: Int, $after: String) {\n    matters(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id reference title kind category channel status riskLevel scale createdAt\n        }\n      }\n    }\n  }\n": types.MattersDocument,
    "\n  query MatterDetail($id: ID!) {\n    matter(id: $id) {\n      id reference title description kind category channel status riskLevel riskFlags scale\n      location amountInDispute householdsAffected createdAt updatedAt\n      community { id name }\n      reporter { id displayName }\n      parties { id name role phone idNumber masked }\n      assessment {\n        id riskLevel riskFlags scale summary assessedAt\n        assessedBy { id displayName }\n        suggestedOrganizations { id name kind }\n      }\n      jointRequests {\n        id message respondBy createdAt\n        requestedBy { id displayName }\n        invitations {\n          id status note respondedAt\n          organization { id name kind }\n          respondedBy { id displayName }\n        }\n      }\n      timeline { cursor type occurredAt matterId payload actor { id displayName } }\n    }\n  }\n": types.MatterDetailDocument,
    "\n  query SuggestOrganizations($matterId: ID!, $riskFlags: [RiskFlag!]) {\n    suggestOrganizations(matterId: $matterId, riskFlags: $riskFlags) { id name kind }\n  }\n": types.SuggestOrganizationsDocument,
    "\n  mutation ReportMatter($input: ReportMatterInput!) {\n    reportMatter(input: $input) { id reference status }\n  }\n": types.ReportMatterDocument,
    "\n  mutation AssessMatter($input: AssessMatterInput!) {\n    assessMatter(input: $input) {\n      id status riskLevel riskFlags scale\n      assessment { id riskLevel riskFlags scale summary suggestedOrganizations { id name kind } }\n    }\n  }\n": types.AssessMatterDocument,
    "\n  mutation RequestJointMediation($input: RequestJointMediationInput!) {\n    requestJointMediation(input: $input) {\n      id respondBy\n      invitations { id status organization { id name kind } }\n    }\n  }\n": types.RequestJointMediationDocument,
    "\n  query MyInvitations($status: InvitationStatus) {\n    myInvitations(status: $status) {\n      id status note respondedAt\n      organization { id name kind }\n      request {\n        id message respondBy createdAt\n        matter { id reference title category status riskLevel }\n      }\n    }\n  }\n": types.MyInvitationsDocument,
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
export function graphql(source: "\n  query Me {\n    me {\n      id\n      username\n      displayName\n      role\n      organization { id name kind community { id name } }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      username\n      displayName\n      role\n      organization { id name kind community { id name } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      expiresAt\n      user { id username displayName role organization { id name kind } }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      expiresAt\n      user { id username displayName role organization { id name kind } }\n    }\n  }\n"];
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
export function graphql(source: "\n  query MatterDetail($id: ID!) {\n    matter(id: $id) {\n      id reference title description kind category channel status riskLevel riskFlags scale\n      location amountInDispute householdsAffected createdAt updatedAt\n      community { id name }\n      reporter { id displayName }\n      parties { id name role phone idNumber masked }\n      assessment {\n        id riskLevel riskFlags scale summary assessedAt\n        assessedBy { id displayName }\n        suggestedOrganizations { id name kind }\n      }\n      jointRequests {\n        id message respondBy createdAt\n        requestedBy { id displayName }\n        invitations {\n          id status note respondedAt\n          organization { id name kind }\n          respondedBy { id displayName }\n        }\n      }\n      timeline { cursor type occurredAt matterId payload actor { id displayName } }\n    }\n  }\n"): (typeof documents)["\n  query MatterDetail($id: ID!) {\n    matter(id: $id) {\n      id reference title description kind category channel status riskLevel riskFlags scale\n      location amountInDispute householdsAffected createdAt updatedAt\n      community { id name }\n      reporter { id displayName }\n      parties { id name role phone idNumber masked }\n      assessment {\n        id riskLevel riskFlags scale summary assessedAt\n        assessedBy { id displayName }\n        suggestedOrganizations { id name kind }\n      }\n      jointRequests {\n        id message respondBy createdAt\n        requestedBy { id displayName }\n        invitations {\n          id status note respondedAt\n          organization { id name kind }\n          respondedBy { id displayName }\n        }\n      }\n      timeline { cursor type occurredAt matterId payload actor { id displayName } }\n    }\n  }\n"];
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
export function graphql(source: "\n  query MyInvitations($status: InvitationStatus) {\n    myInvitations(status: $status) {\n      id status note respondedAt\n      organization { id name kind }\n      request {\n        id message respondBy createdAt\n        matter { id reference title category status riskLevel }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyInvitations($status: InvitationStatus) {\n    myInvitations(status: $status) {\n      id status note respondedAt\n      organization { id name kind }\n      request {\n        id message respondBy createdAt\n        matter { id reference title category status riskLevel }\n      }\n    }\n  }\n"];
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