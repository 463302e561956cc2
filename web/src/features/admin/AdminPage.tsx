import { useState } from 'react';
import { App, Button, Card, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import type { AdminDirectoryQuery as DirectoryData, AdminUsersQuery as UsersData } from '../../gql/graphql';
import {
  AdminDirectoryQuery, AdminUsersQuery, CreateCommunityMutation, CreateOrganizationMutation, CreateUserMutation, ResetUserPasswordMutation,
  SetUserActiveMutation, UpdateCommunityMutation, UpdateOrganizationMutation,
} from '../../graphql/admin.operations';
import { OrganizationsQuery } from '../../graphql/operations';
import { ResetUserTwoFactorMutation } from '../../graphql/account.operations';
import { useViewer } from '../../session/viewer';
import { useEnumLabel } from '../../ui/labels';
import { adminErrorText } from './admin-errors';
import { RoutingRulesCard } from './RoutingRules';
import {
  CommunityForm, OrganizationEditForm, OrganizationForm, PasswordForm, UserForm,
  type CommunityValues, type OrganizationChanges, type OrganizationValues, type UserValues,
} from './AdminForms';

type UserRow = UsersData['users'][number];
type CommunityRow = DirectoryData['communities'][number];
type OrganizationRow = DirectoryData['organizations'][number];
type Dialog = 'community' | 'organization' | 'user' | null;

/** 系统管理 (ADMIN only): communities, organizations, user accounts and routing rules. */
export function AdminPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const label = useEnumLabel();
  const { message } = App.useApp();
  const [organizationId, setOrganizationId] = useState<string | undefined>();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const [editingCommunity, setEditingCommunity] = useState<CommunityRow | null>(null);
  const [editingOrganization, setEditingOrganization] = useState<OrganizationRow | null>(null);
  const directory = useQuery(AdminDirectoryQuery);
  const users = useQuery(AdminUsersQuery, { variables: { organizationId } });
  const [createCommunity, communityState] = useMutation(CreateCommunityMutation, { refetchQueries: [AdminDirectoryQuery] });
  const [createOrganization, organizationState] = useMutation(CreateOrganizationMutation, { refetchQueries: [AdminDirectoryQuery, OrganizationsQuery] });
  const [createUser, userState] = useMutation(CreateUserMutation, { refetchQueries: [AdminUsersQuery] });
  const [setActive] = useMutation(SetUserActiveMutation);
  const [resetPassword, resetState] = useMutation(ResetUserPasswordMutation);
  const [resetTwoFactor] = useMutation(ResetUserTwoFactorMutation);
  const [updateCommunity, updateCommunityState] = useMutation(UpdateCommunityMutation, { refetchQueries: [AdminDirectoryQuery] });
  const [updateOrganization, updateOrganizationState] = useMutation(UpdateOrganizationMutation, { refetchQueries: [AdminDirectoryQuery, OrganizationsQuery] });
  const communities = directory.data?.communities ?? [];
  const organizations = directory.data?.organizations ?? [];

  async function run(work: () => Promise<unknown>, done: string, after?: () => void) {
    try {
      await work();
      message.success(done);
      after?.();
    } catch (e) {
      message.error(adminErrorText(t, e));
    }
  }

  const close = () => setDialog(null);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="admin">
      <Card
        title={t('admin.organizations.title')}
        extra={
          <Space wrap>
            <Button icon={<PlusOutlined />} onClick={() => setDialog('community')} data-testid="admin-new-community">
              {t('admin.communities.create')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('organization')} data-testid="admin-new-organization">
              {t('admin.organizations.create')}
            </Button>
          </Space>
        }
      >
        <Table
          rowKey="id"
          size="small"
          loading={directory.loading}
          dataSource={organizations}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="admin-organizations"
          columns={[
            { title: t('admin.organizations.name'), dataIndex: 'name' },
            { title: t('admin.organizations.kind'), dataIndex: 'kind', render: (v: OrganizationValues['kind']) => <Tag>{label('OrganizationKind', v)}</Tag> },
            { title: t('admin.organizations.community'), render: (_: unknown, o: OrganizationRow) => o.community?.name ?? '—' },
            {
              title: t('admin.organizations.served'),
              render: (_: unknown, o: OrganizationRow) => (o.kind === 'COMMUNITY' ? '—' : o.servedCommunities.map((c) => c.name).join('、') || '—'),
            },
            {
              key: 'actions',
              width: 90,
              render: (_: unknown, o: OrganizationRow) => (
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditingOrganization(o)} data-testid={`organization-edit-${o.name}`}>
                  {t('admin.edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('admin.communities.title')}>
        <Table
          rowKey="id"
          size="small"
          loading={directory.loading}
          dataSource={communities}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="admin-communities"
          columns={[
            { title: t('admin.communities.code'), dataIndex: 'code', width: 110, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('admin.communities.name'), dataIndex: 'name' },
            { title: t('admin.communities.district'), dataIndex: 'district', render: (v: string | null) => v ?? '—' },
            {
              key: 'actions',
              width: 90,
              render: (_: unknown, c: CommunityRow) => (
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditingCommunity(c)} data-testid={`community-edit-${c.code}`}>
                  {t('admin.edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card
        title={t('admin.users.title')}
        extra={
          <Space wrap>
            <Select
              allowClear
              placeholder={t('admin.users.filterAll')}
              aria-label={t('admin.users.organization')}
              style={{ minWidth: 220 }}
              value={organizationId}
              onChange={(v) => setOrganizationId(v ?? undefined)}
              options={organizations.map((o) => ({ value: o.id, label: o.name }))}
              data-testid="admin-users-filter"
            />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('user')} data-testid="admin-new-user">
              {t('admin.users.create')}
            </Button>
          </Space>
        }
      >
        <Table
          rowKey="id"
          size="small"
          loading={users.loading}
          dataSource={users.data?.users ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="admin-users"
          columns={[
            { title: t('admin.users.username'), dataIndex: 'username' },
            { title: t('admin.users.displayName'), dataIndex: 'displayName' },
            { title: t('admin.users.role'), dataIndex: 'role', render: (v: UserRow['role']) => label('UserRole', v) },
            { title: t('admin.users.organization'), render: (_: unknown, u: UserRow) => u.organization.name },
            {
              title: t('admin.users.active'),
              dataIndex: 'active',
              render: (active: boolean, u: UserRow) => (
                <Switch
                  size="small"
                  checked={active}
                  disabled={u.id === viewer.id}
                  aria-label={t('a11y.userActive', { name: u.displayName })}
                  data-testid={`user-active-${u.username}`}
                  onChange={(next) =>
                    void run(() => setActive({ variables: { userId: u.id, active: next } }), t(next ? 'admin.users.activated' : 'admin.users.deactivated'))
                  }
                />
              ),
            },
            {
              title: t('account.admin.column'),
              key: 'twoFactor',
              render: (_: unknown, u: UserRow) => (
                <Space size={4} data-testid={`user-2fa-${u.username}`} data-enabled={!!u.twoFactorEnabled}>
                  <Tag color={u.twoFactorEnabled ? 'green' : 'default'}>{t(u.twoFactorEnabled ? 'account.twoFactor.on' : 'account.twoFactor.off')}</Tag>
                  {u.twoFactorRequired && <Tag color="orange">{t('account.admin.required')}</Tag>}
                </Space>
              ),
            },
            {
              key: 'actions',
              render: (_: unknown, u: UserRow) => (
                <Space size="small" wrap>
                  <Button size="small" onClick={() => setResetting(u)} data-testid={`user-reset-${u.username}`}>
                    {t('admin.users.resetPassword')}
                  </Button>
                  {u.twoFactorEnabled && u.id !== viewer.id && (
                    <Popconfirm
                      title={t('account.admin.confirmReset')}
                      onConfirm={() => run(() => resetTwoFactor({ variables: { userId: u.id } }), t('account.admin.resetDone'))}
                    >
                      <Button size="small" danger data-testid={`user-reset-2fa-${u.username}`}>{t('account.admin.reset')}</Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <RoutingRulesCard communities={communities} />

      <Modal open={dialog === 'community'} title={t('admin.communities.create')} footer={null} onCancel={close} destroyOnHidden>
        <CommunityForm
          submitting={communityState.loading}
          onSubmit={(input: CommunityValues) => run(() => createCommunity({ variables: { input } }), t('admin.communities.created'), close)}
        />
      </Modal>
      <Modal open={dialog === 'organization'} title={t('admin.organizations.create')} footer={null} onCancel={close} destroyOnHidden>
        <OrganizationForm
          communities={communities}
          submitting={organizationState.loading}
          onSubmit={(input: OrganizationValues) => run(() => createOrganization({ variables: { input } }), t('admin.organizations.created'), close)}
        />
      </Modal>
      <Modal open={!!editingCommunity} title={`${t('admin.communities.edit')} · ${editingCommunity?.name ?? ''}`} footer={null} onCancel={() => setEditingCommunity(null)} destroyOnHidden>
        {editingCommunity && (
          <CommunityForm
            initial={{ code: editingCommunity.code, name: editingCommunity.name, district: editingCommunity.district ?? undefined }}
            submitting={updateCommunityState.loading}
            onSubmit={(values: CommunityValues) =>
              run(() => updateCommunity({ variables: { input: { id: editingCommunity.id, ...values } } }), t('admin.communities.saved'), () => setEditingCommunity(null))
            }
          />
        )}
      </Modal>
      <Modal
        open={!!editingOrganization}
        title={`${t('admin.organizations.edit')} · ${editingOrganization?.name ?? ''}`}
        footer={null}
        onCancel={() => setEditingOrganization(null)}
        destroyOnHidden
      >
        {editingOrganization && (
          <OrganizationEditForm
            organization={editingOrganization}
            communities={communities}
            submitting={updateOrganizationState.loading}
            onSubmit={(values: OrganizationChanges) =>
              run(
                () => updateOrganization({ variables: { input: { id: editingOrganization.id, ...values } } }),
                t('admin.organizations.saved'),
                () => setEditingOrganization(null),
              )
            }
          />
        )}
      </Modal>
      <Modal open={dialog === 'user'} title={t('admin.users.create')} footer={null} onCancel={close} destroyOnHidden>
        <UserForm
          organizations={organizations}
          submitting={userState.loading}
          onSubmit={(input: UserValues) => run(() => createUser({ variables: { input } }), t('admin.users.created'), close)}
        />
      </Modal>
      <Modal open={!!resetting} title={`${t('admin.users.resetPassword')} · ${resetting?.username ?? ''}`} footer={null} onCancel={() => setResetting(null)} destroyOnHidden>
        <PasswordForm
          submitting={resetState.loading}
          onSubmit={async (password) => {
            if (resetting) await run(() => resetPassword({ variables: { userId: resetting.id, password } }), t('admin.users.passwordReset'), () => setResetting(null));
          }}
        />
      </Modal>
    </Space>
  );
}
