import { graphql } from '../gql';

// Every operation the consoles send. Types are generated from schema/schema.graphql.

export const MeQuery = graphql(`
  query Me {
    me {
      id
      username
      displayName
      role
      organization { id name kind community { id name } }
      twoFactorEnabled
      twoFactorRequired
    }
  }
`);

export const LoginMutation = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      token
      expiresAt
      mfaRequired
      challenge
      mfaEnrolmentRequired
      user { id username displayName role organization { id name kind } }
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

export const OrganizationsQuery = graphql(`
  query Organizations {
    organizations { id name kind }
  }
`);

export const MattersQuery = graphql(`
  query Matters($filter: MatterFilter, $first: Int, $after: String) {
    matters(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id reference title kind category channel status riskLevel scale createdAt
        }
      }
    }
  }
`);

export const MatterDetailQuery = graphql(`
  query MatterDetail($id: ID!) {
    matter(id: $id) {
      id reference title description kind category channel status riskLevel riskFlags scale
      location amountInDispute householdsAffected createdAt updatedAt
      community { id name }
      reporter { id displayName }
      parties { id name role phone idNumber masked }
      assessment {
        id riskLevel riskFlags scale summary assessedAt
        assessedBy { id displayName }
        suggestedOrganizations { id name kind }
      }
      jointRequests {
        id message respondBy createdAt
        requestedBy { id displayName }
        invitations {
          id status note respondedAt
          organization { id name kind }
          respondedBy { id displayName }
          assignee { id displayName }
        }
      }
      opinions {
        id kind body createdAt
        author { id displayName }
        organization { id name kind }
      }
      timeline { cursor type occurredAt matterId payload actor { id displayName } }
    }
  }
`);

export const SuggestOrganizationsQuery = graphql(`
  query SuggestOrganizations($matterId: ID!, $riskFlags: [RiskFlag!]) {
    suggestOrganizations(matterId: $matterId, riskFlags: $riskFlags) { id name kind }
  }
`);

export const ReportMatterMutation = graphql(`
  mutation ReportMatter($input: ReportMatterInput!) {
    reportMatter(input: $input) { id reference status }
  }
`);

export const AssessMatterMutation = graphql(`
  mutation AssessMatter($input: AssessMatterInput!) {
    assessMatter(input: $input) {
      id status riskLevel riskFlags scale
      assessment { id riskLevel riskFlags scale summary suggestedOrganizations { id name kind } }
    }
  }
`);

export const RequestJointMediationMutation = graphql(`
  mutation RequestJointMediation($input: RequestJointMediationInput!) {
    requestJointMediation(input: $input) {
      id respondBy
      invitations { id status organization { id name kind } }
    }
  }
`);

export const MyInvitationsQuery = graphql(`
  query MyInvitations($status: InvitationStatus) {
    myInvitations(status: $status) {
      id status note respondedAt
      organization { id name kind }
      assignee { id displayName }
      request {
        id message respondBy createdAt
        matter { id reference title category status riskLevel }
      }
    }
  }
`);

export const RespondToInvitationMutation = graphql(`
  mutation RespondToInvitation($input: RespondToInvitationInput!) {
    respondToInvitation(input: $input) { id status note respondedAt }
  }
`);

export const InvitationReceivedSubscription = graphql(`
  subscription InvitationReceived {
    invitationReceived {
      id status
      organization { id name kind }
      request {
        id message respondBy
        matter { id reference title category }
      }
    }
  }
`);

export const ActivitySubscription = graphql(`
  subscription Activity($after: String) {
    activity(after: $after) {
      cursor type occurredAt matterId payload
      actor { id displayName }
    }
  }
`);
