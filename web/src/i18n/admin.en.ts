import type { AdminResources } from './admin.zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const adminEn: Shape<AdminResources> = {
  nav: 'Administration',
  communities: {
    title: 'Communities',
    create: 'New community',
    created: 'Community created',
    code: 'Code',
    codeHelp: 'Prefix of matter references, e.g. CS → CS-2026-0007',
    name: 'Name',
    district: 'Subdistrict / district',
    v: { code: '1–10 letters or digits, starting with a letter', name: 'Enter a name' },
  },
  organizations: {
    title: 'Organizations',
    create: 'New organization',
    created: 'Organization created',
    name: 'Name',
    kind: 'Kind',
    community: 'Community',
    served: 'Communities served',
    v: { name: 'Enter a name', kind: 'Choose a kind', community: 'Choose the community', served: 'Choose at least one community' },
  },
  users: {
    title: 'Users',
    create: 'New user',
    created: 'User created',
    username: 'Username',
    displayName: 'Name',
    role: 'Role',
    organization: 'Organization',
    password: 'Initial password',
    active: 'Active',
    activated: 'Account enabled',
    deactivated: 'Account disabled and signed out everywhere',
    resetPassword: 'Reset password',
    newPassword: 'New password',
    passwordReset: 'Password reset; the user was signed out everywhere',
    filterAll: 'All organizations',
    v: {
      username: '3–32 letters, digits, dots, dashes or underscores',
      displayName: 'Enter a name',
      role: 'Choose a role',
      organization: 'Choose an organization',
      password: 'At least 10 characters',
    },
  },
  submit: 'Save',
  cancel: 'Cancel',
};

export default adminEn;
