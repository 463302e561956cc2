import { graphql } from '../gql';

// 账号安全: two-factor sign-in, one's own sessions, changing one's password; 重置两步验证 (admin).

export const VerifyLoginMfaMutation = graphql(`
  mutation VerifyLoginMfa($challenge: String!, $code: String!) {
    verifyLoginMfa(challenge: $challenge, code: $code) { token expiresAt }
  }
`);

export const AccountSecurityQuery = graphql(`
  query AccountSecurity {
    me { id username twoFactorEnabled twoFactorRequired recoveryCodesLeft }
    passwordPolicy { minLength maxLength }
  }
`);

export const MySessionsQuery = graphql(`
  query MySessions {
    mySessions { id createdAt lastSeenAt expiresAt clientAddress userAgent current }
  }
`);

export const BeginTotpEnrolmentMutation = graphql(`
  mutation BeginTotpEnrolment {
    beginTotpEnrolment { secret otpauthUri }
  }
`);

export const ConfirmTotpEnrolmentMutation = graphql(`
  mutation ConfirmTotpEnrolment($code: String!) {
    confirmTotpEnrolment(code: $code) { recoveryCodes }
  }
`);

export const DisableTotpMutation = graphql(`
  mutation DisableTotp($code: String!) {
    disableTotp(code: $code)
  }
`);

export const ChangeMyPasswordMutation = graphql(`
  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {
    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

export const RevokeMySessionMutation = graphql(`
  mutation RevokeMySession($id: ID!) {
    revokeMySession(id: $id)
  }
`);

export const SignOutEverywhereMutation = graphql(`
  mutation SignOutEverywhere($keepCurrent: Boolean!) {
    signOutEverywhere(keepCurrent: $keepCurrent)
  }
`);

export const ResetUserTwoFactorMutation = graphql(`
  mutation ResetUserTwoFactor($userId: ID!) {
    resetUserTwoFactor(userId: $userId) { id twoFactorEnabled }
  }
`);

export const RegenerateRecoveryCodesMutation = graphql(`
  mutation RegenerateRecoveryCodes($code: String!) {
    regenerateRecoveryCodes(code: $code) { recoveryCodes }
  }
`);
