import { Button, Form, Input, Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrganizationKind, UserRole } from '../../gql/graphql';
import { useEnumLabel, useEnumOptions } from '../../ui/labels';

// The api checks all of this again; the forms only spare a round trip.
/** PASSWORD_MIN_LENGTH's default; the api applies the configured policy and says which rule failed. */
export const MIN_PASSWORD_LENGTH = 12;
const COMMUNITY_CODE = /^[A-Za-z][A-Za-z0-9]{0,9}$/;
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$/;

export const COMMUNITY_ROLES: UserRole[] = ['COORDINATOR', 'GRID_WORKER', 'MEDIATOR', 'ADMIN'];
export const AGENCY_ROLES: UserRole[] = ['AGENCY_LEAD', 'AGENCY_STAFF'];

/** Roles an account in an organization of `kind` may have; an auditor (审计员) may sit in any. */
export function rolesFor(kind: OrganizationKind | undefined): UserRole[] {
  if (!kind) return [];
  return [...(kind === 'COMMUNITY' ? COMMUNITY_ROLES : AGENCY_ROLES), 'AUDITOR'];
}

type CommunityOption = { id: string; code: string; name: string };
type OrganizationOption = { id: string; name: string; kind: OrganizationKind };

export interface CommunityValues {
  code: string;
  name: string;
  district?: string;
}

/**
 * A new community, or — given `initial` — changes to one. When editing, an emptied district is
 * sent as '' (clear it) rather than left out (keep it).
 */
export function CommunityForm({
  initial,
  onSubmit,
  submitting,
}: {
  initial?: CommunityValues;
  onSubmit(values: CommunityValues): void | Promise<void>;
  submitting?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Form<CommunityValues>
      layout="vertical"
      data-testid="community-form"
      initialValues={initial}
      onFinish={(v) =>
        onSubmit({ code: v.code.trim().toUpperCase(), name: v.name.trim(), district: v.district?.trim() || (initial ? '' : undefined) })
      }
    >
      <Form.Item name="code" label={t('admin.communities.code')} extra={t('admin.communities.codeHelp')} rules={[{ required: true, pattern: COMMUNITY_CODE, message: t('admin.communities.v.code') }]}>
        <Input maxLength={10} data-testid="community-code" />
      </Form.Item>
      <Form.Item name="name" label={t('admin.communities.name')} rules={[{ required: true, whitespace: true, message: t('admin.communities.v.name') }]}>
        <Input maxLength={100} data-testid="community-name" />
      </Form.Item>
      <Form.Item name="district" label={t('admin.communities.district')}>
        <Input maxLength={100} data-testid="community-district" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting} data-testid="community-submit">
        {t('admin.submit')}
      </Button>
    </Form>
  );
}

export interface OrganizationValues {
  name: string;
  kind: OrganizationKind;
  communityId?: string;
  servedCommunityIds: string[];
}

export function OrganizationForm({ communities, onSubmit, submitting }: { communities: CommunityOption[]; onSubmit(values: OrganizationValues): void | Promise<void>; submitting?: boolean }) {
  const { t } = useTranslation();
  const options = useEnumOptions();
  const [form] = Form.useForm<OrganizationValues>();
  const kind = Form.useWatch('kind', form);
  const communityOptions = communities.map((c) => ({ value: c.id, label: `${c.name}（${c.code}）` }));
  return (
    <Form<OrganizationValues>
      form={form}
      layout="vertical"
      data-testid="organization-form"
      initialValues={{ servedCommunityIds: [] }}
      onFinish={(v) =>
        onSubmit(
          v.kind === 'COMMUNITY'
            ? { name: v.name.trim(), kind: v.kind, communityId: v.communityId, servedCommunityIds: v.communityId ? [v.communityId] : [] }
            : { name: v.name.trim(), kind: v.kind, servedCommunityIds: v.servedCommunityIds ?? [] },
        )
      }
    >
      <Form.Item name="name" label={t('admin.organizations.name')} rules={[{ required: true, whitespace: true, message: t('admin.organizations.v.name') }]}>
        <Input maxLength={100} data-testid="organization-name" />
      </Form.Item>
      <Form.Item name="kind" label={t('admin.organizations.kind')} rules={[{ required: true, message: t('admin.organizations.v.kind') }]}>
        <Select options={options('OrganizationKind')} data-testid="organization-kind" />
      </Form.Item>
      {kind === 'COMMUNITY' ? (
        <Form.Item name="communityId" label={t('admin.organizations.community')} rules={[{ required: true, message: t('admin.organizations.v.community') }]}>
          <Select options={communityOptions} data-testid="organization-community" />
        </Form.Item>
      ) : (
        <Form.Item name="servedCommunityIds" label={t('admin.organizations.served')} rules={[{ required: true, type: 'array', min: 1, message: t('admin.organizations.v.served') }]}>
          <Select mode="multiple" options={communityOptions} data-testid="organization-served" />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={submitting} data-testid="organization-submit">
        {t('admin.submit')}
      </Button>
    </Form>
  );
}

export interface OrganizationChanges {
  name: string;
  /** Agencies only; a community organization serves its own community. */
  servedCommunityIds?: string[];
}

interface EditedOrganization {
  name: string;
  kind: OrganizationKind;
  community?: { id: string; name: string } | null;
  servedCommunities: { id: string }[];
}

/** Rename an organization; an agency also chooses the communities it serves. The kind is fixed. */
export function OrganizationEditForm({
  organization,
  communities,
  onSubmit,
  submitting,
}: {
  organization: EditedOrganization;
  communities: CommunityOption[];
  onSubmit(values: OrganizationChanges): void | Promise<void>;
  submitting?: boolean;
}) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const agency = organization.kind !== 'COMMUNITY';
  const communityOptions = communities.map((c) => ({ value: c.id, label: `${c.name}（${c.code}）` }));
  return (
    <Form<OrganizationChanges>
      layout="vertical"
      data-testid="organization-edit-form"
      initialValues={{ name: organization.name, servedCommunityIds: organization.servedCommunities.map((c) => c.id) }}
      onFinish={(v) => onSubmit(agency ? { name: v.name.trim(), servedCommunityIds: v.servedCommunityIds ?? [] } : { name: v.name.trim() })}
    >
      <Form.Item name="name" label={t('admin.organizations.name')} rules={[{ required: true, whitespace: true, message: t('admin.organizations.v.name') }]}>
        <Input maxLength={100} data-testid="organization-edit-name" />
      </Form.Item>
      <Form.Item label={t('admin.organizations.kind')} extra={t('admin.organizations.kindFixed')}>
        <Tag data-testid="organization-edit-kind">{label('OrganizationKind', organization.kind)}</Tag>
      </Form.Item>
      {agency ? (
        <Form.Item name="servedCommunityIds" label={t('admin.organizations.served')} rules={[{ required: true, type: 'array', min: 1, message: t('admin.organizations.v.served') }]}>
          <Select mode="multiple" optionFilterProp="label" options={communityOptions} data-testid="organization-edit-served" />
        </Form.Item>
      ) : (
        <Form.Item label={t('admin.organizations.community')} extra={t('admin.organizations.ownCommunity')}>
          <span data-testid="organization-edit-community">{organization.community?.name ?? '—'}</span>
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={submitting} data-testid="organization-edit-submit">
        {t('admin.submit')}
      </Button>
    </Form>
  );
}

export interface UserValues {
  username: string;
  displayName: string;
  role: UserRole;
  organizationId: string;
  password: string;
}

export function UserForm({ organizations, onSubmit, submitting }: { organizations: OrganizationOption[]; onSubmit(values: UserValues): void | Promise<void>; submitting?: boolean }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const [form] = Form.useForm<UserValues>();
  const organizationId = Form.useWatch('organizationId', form);
  const kind = organizations.find((o) => o.id === organizationId)?.kind;
  return (
    <Form<UserValues>
      form={form}
      layout="vertical"
      data-testid="user-form"
      onValuesChange={(changed: Partial<UserValues>) => {
        // A role of the previous organization's kind may not fit the new one.
        if ('organizationId' in changed) {
          const next = organizations.find((o) => o.id === changed.organizationId)?.kind;
          if (!rolesFor(next).includes(form.getFieldValue('role'))) form.setFieldValue('role', undefined);
        }
      }}
      onFinish={(v) => onSubmit({ ...v, username: v.username.trim().toLowerCase(), displayName: v.displayName.trim() })}
    >
      <Form.Item name="organizationId" label={t('admin.users.organization')} rules={[{ required: true, message: t('admin.users.v.organization') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={organizations.map((o) => ({ value: o.id, label: `${o.name}（${label('OrganizationKind', o.kind)}）` }))}
          data-testid="user-organization"
        />
      </Form.Item>
      <Form.Item name="role" label={t('admin.users.role')} rules={[{ required: true, message: t('admin.users.v.role') }]}>
        <Select disabled={!kind} options={rolesFor(kind).map((value) => ({ value, label: label('UserRole', value) }))} data-testid="user-role" />
      </Form.Item>
      <Form.Item name="username" label={t('admin.users.username')} rules={[{ required: true, pattern: USERNAME, message: t('admin.users.v.username') }]}>
        <Input maxLength={32} autoComplete="off" data-testid="user-username" />
      </Form.Item>
      <Form.Item name="displayName" label={t('admin.users.displayName')} rules={[{ required: true, whitespace: true, message: t('admin.users.v.displayName') }]}>
        <Input maxLength={50} data-testid="user-display-name" />
      </Form.Item>
      <Form.Item name="password" label={t('admin.users.password')} rules={[{ required: true, min: MIN_PASSWORD_LENGTH, message: t('admin.users.v.password') }]}>
        <Input.Password maxLength={200} autoComplete="new-password" data-testid="user-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting} data-testid="user-submit">
        {t('admin.submit')}
      </Button>
    </Form>
  );
}

export function PasswordForm({ onSubmit, submitting }: { onSubmit(password: string): void | Promise<void>; submitting?: boolean }) {
  const { t } = useTranslation();
  return (
    <Form<{ password: string }> layout="vertical" data-testid="password-form" onFinish={(v) => onSubmit(v.password)}>
      <Form.Item name="password" label={t('admin.users.newPassword')} rules={[{ required: true, min: MIN_PASSWORD_LENGTH, message: t('admin.users.v.password') }]}>
        <Input.Password maxLength={200} autoComplete="new-password" data-testid="password-input" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting} data-testid="password-submit">
        {t('admin.submit')}
      </Button>
    </Form>
  );
}
