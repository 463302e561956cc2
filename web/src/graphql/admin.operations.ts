import { graphql } from '../gql';

// Administration (ADMIN only): communities, organizations and user accounts.

export const AdminDirectoryQuery = graphql(`
  query AdminDirectory {
    communities { id code name district }
    organizations { id name kind community { id name } servedCommunities { id name } }
  }
`);

export const AdminUsersQuery = graphql(`
  query AdminUsers($organizationId: ID) {
    users(organizationId: $organizationId) { id username displayName role active twoFactorEnabled twoFactorRequired organization { id name kind } }
  }
`);

export const CreateCommunityMutation = graphql(`
  mutation CreateCommunity($input: CreateCommunityInput!) {
    createCommunity(input: $input) { id code name district }
  }
`);

export const CreateOrganizationMutation = graphql(`
  mutation CreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { id name kind community { id name } servedCommunities { id name } }
  }
`);

export const UpdateCommunityMutation = graphql(`
  mutation UpdateCommunity($input: UpdateCommunityInput!) {
    updateCommunity(input: $input) { id code name district }
  }
`);

export const UpdateOrganizationMutation = graphql(`
  mutation UpdateOrganization($input: UpdateOrganizationInput!) {
    updateOrganization(input: $input) { id name kind community { id name } servedCommunities { id name } }
  }
`);

export const CreateUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) { id username displayName role active organization { id name kind } }
  }
`);

export const SetUserActiveMutation = graphql(`
  mutation SetUserActive($userId: ID!, $active: Boolean!) {
    setUserActive(userId: $userId, active: $active) { id active }
  }
`);

export const ResetUserPasswordMutation = graphql(`
  mutation ResetUserPassword($userId: ID!, $password: String!) {
    resetUserPassword(userId: $userId, password: $password) { id }
  }
`);

// 分流规则: category and/or risk flag and/or scale → kinds of agency to suggest.

export const RoutingRulesQuery = graphql(`
  query RoutingRules($communityId: ID) {
    routingRules(communityId: $communityId) { id communityId category riskFlag scale organizationKinds note }
  }
`);

export const SaveRoutingRuleMutation = graphql(`
  mutation SaveRoutingRule($input: SaveRoutingRuleInput!) {
    saveRoutingRule(input: $input) { id communityId category riskFlag scale organizationKinds note }
  }
`);

export const DeleteRoutingRuleMutation = graphql(`
  mutation DeleteRoutingRule($id: ID!) {
    deleteRoutingRule(id: $id)
  }
`);
