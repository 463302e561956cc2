import { graphql } from '../gql';

// An agency's work on a matter: who takes it on (指派承办人) and the opinions (意见) given on it.

export const AssignableUsersQuery = graphql(`
  query AssignableUsers {
    assignableUsers { id displayName role }
  }
`);

export const AssignInvitationMutation = graphql(`
  mutation AssignInvitation($input: AssignInvitationInput!) {
    assignInvitation(input: $input) { id status assignee { id displayName } }
  }
`);

export const AddOpinionMutation = graphql(`
  mutation AddOpinion($input: AddOpinionInput!) {
    addOpinion(input: $input) {
      id kind body createdAt
      author { id displayName }
      organization { id name kind }
    }
  }
`);
