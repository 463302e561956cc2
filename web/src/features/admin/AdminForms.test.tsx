import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderZh } from '../../test/render';
import { CombinedGraphQLErrors } from '@apollo/client';
import i18n from '../../i18n';
import { CommunityForm, OrganizationEditForm, OrganizationForm, UserForm, rolesFor } from './AdminForms';
import { adminErrorText } from './admin-errors';

const organizations = [
  { id: 'c1', name: '昌盛社区', kind: 'COMMUNITY' as const },
  { id: 'k1', name: '城关区人民法院', kind: 'COURT' as const },
];

async function fill(element: Element, text: string) {
  await userEvent.click(element);
  await userEvent.paste(text);
}

/** Opens an antd Select and picks the option with this text. */
async function choose(testId: string, text: string) {
  const select = screen.getByTestId(testId);
  await userEvent.click(within(select).getByRole('combobox'));
  const options = await screen.findAllByText(text, { selector: '.ant-select-item-option-content' });
  await userEvent.click(options[options.length - 1]);
}

describe('rolesFor', () => {
  it('offers community roles to a community organization and agency roles to agencies', () => {
    expect(rolesFor('COMMUNITY')).toEqual(['COORDINATOR', 'GRID_WORKER', 'MEDIATOR', 'ADMIN', 'AUDITOR']);
    expect(rolesFor('POLICE')).toEqual(['AGENCY_LEAD', 'AGENCY_STAFF', 'AUDITOR']);
    expect(rolesFor(undefined)).toEqual([]);
  });
});

describe('UserForm', () => {
  it('requires every field and a password of at least 12 characters', async () => {
    const onSubmit = vi.fn();
    renderZh(<UserForm organizations={organizations} onSubmit={onSubmit} />);
    await fill(screen.getByTestId('user-password'), 'elevenchars');
    await userEvent.click(screen.getByTestId('user-submit'));
    expect(await screen.findByText('请选择组织')).toBeInTheDocument();
    expect(await screen.findByText('请输入姓名')).toBeInTheDocument();
    expect(await screen.findByText('密码至少 12 位，不能包含登录名，不能是常见密码')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  }, 60_000);

  it('offers the roles of the chosen organization and submits a lower-cased username', async () => {
    const onSubmit = vi.fn();
    renderZh(<UserForm organizations={organizations} onSubmit={onSubmit} />);
    await choose('user-organization', '城关区人民法院（法院）');
    await userEvent.click(within(screen.getByTestId('user-role')).getByRole('combobox'));
    expect(await screen.findByText('单位负责人', { selector: '.ant-select-item-option-content' })).toBeInTheDocument();
    expect(screen.queryByText('社区协调员', { selector: '.ant-select-item-option-content' })).toBeNull();
    await userEvent.click(screen.getByText('单位工作人员', { selector: '.ant-select-item-option-content' }));
    await fill(screen.getByTestId('user-username'), 'Zhang.Fa');
    await fill(screen.getByTestId('user-display-name'), ' 张法官 ');
    await fill(screen.getByTestId('user-password'), 'a long passphrase');
    await userEvent.click(screen.getByTestId('user-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0][0]).toEqual(
      expect.objectContaining({ username: 'zhang.fa', displayName: '张法官', organizationId: 'k1', password: 'a long passphrase', role: 'AGENCY_STAFF' }),
    );
  }, 60_000);
});

describe('CommunityForm and OrganizationForm', () => {
  it('rejects a malformed community code and upper-cases a good one', async () => {
    const onSubmit = vi.fn();
    renderZh(<CommunityForm onSubmit={onSubmit} />);
    await fill(screen.getByTestId('community-code'), '1x');
    await userEvent.click(screen.getByTestId('community-submit'));
    expect(await screen.findByText('请输入 1–10 位字母或数字，以字母开头')).toBeInTheDocument();
    await userEvent.clear(screen.getByTestId('community-code'));
    await fill(screen.getByTestId('community-code'), 'cs');
    await fill(screen.getByTestId('community-name'), '昌盛社区');
    await userEvent.click(screen.getByTestId('community-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ code: 'CS', name: '昌盛社区', district: undefined }));
  }, 60_000);

  it('an agency must serve at least one community', async () => {
    const onSubmit = vi.fn();
    renderZh(<OrganizationForm communities={[{ id: 'c1', code: 'CS', name: '昌盛社区' }]} onSubmit={onSubmit} />);
    await fill(screen.getByTestId('organization-name'), '城关派出所');
    await choose('organization-kind', '派出所');
    await userEvent.click(screen.getByTestId('organization-submit'));
    expect(await screen.findByText('请至少选择一个社区')).toBeInTheDocument();
    await choose('organization-served', '昌盛社区（CS）');
    await userEvent.click(screen.getByTestId('organization-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ name: '城关派出所', kind: 'POLICE', servedCommunityIds: ['c1'] }));
  }, 60_000);
});

describe('editing a community or an organization', () => {
  it('a community form starts from the community and clears an emptied district', async () => {
    const onSubmit = vi.fn();
    renderZh(<CommunityForm initial={{ code: 'CS', name: '昌盛社区', district: '雄关区' }} onSubmit={onSubmit} />);
    expect(screen.getByTestId('community-code')).toHaveValue('CS');
    await userEvent.clear(screen.getByTestId('community-name'));
    await userEvent.clear(screen.getByTestId('community-district'));
    await userEvent.click(screen.getByTestId('community-submit'));
    expect(await screen.findByText('请输入名称')).toBeInTheDocument();
    await fill(screen.getByTestId('community-name'), ' 昌盛新村社区 ');
    await userEvent.click(screen.getByTestId('community-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ code: 'CS', name: '昌盛新村社区', district: '' }));
  }, 60_000);

  it('an agency keeps at least one community; its kind is shown, not editable', async () => {
    const onSubmit = vi.fn();
    renderZh(
      <OrganizationEditForm
        organization={{ name: '城关派出所', kind: 'POLICE', community: null, servedCommunities: [{ id: 'c1' }] }}
        communities={[{ id: 'c1', code: 'CS', name: '昌盛社区' }, { id: 'c2', code: 'XC', name: '新城社区' }]}
        onSubmit={onSubmit}
      />,
    );
    expect(screen.getByTestId('organization-edit-kind')).toHaveTextContent('派出所');
    expect(screen.getByTestId('organization-edit-name')).toHaveValue('城关派出所');
    // Take the one community away (picking a chosen option again unpicks it): refused.
    await choose('organization-edit-served', '昌盛社区（CS）');
    await userEvent.click(screen.getByTestId('organization-edit-submit'));
    expect(await screen.findByText('请至少选择一个社区')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();

    await choose('organization-edit-served', '新城社区（XC）');
    await userEvent.clear(screen.getByTestId('organization-edit-name'));
    await fill(screen.getByTestId('organization-edit-name'), '雄关区公安分局城关派出所 ');
    await userEvent.click(screen.getByTestId('organization-edit-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ name: '雄关区公安分局城关派出所', servedCommunityIds: ['c2'] }));
  }, 60_000);

  it('a community organization is renamed only; it serves its own community', async () => {
    const onSubmit = vi.fn();
    renderZh(
      <OrganizationEditForm
        organization={{ name: '昌盛社区居委会', kind: 'COMMUNITY', community: { id: 'c1', name: '昌盛社区' }, servedCommunities: [{ id: 'c1' }] }}
        communities={[{ id: 'c1', code: 'CS', name: '昌盛社区' }]}
        onSubmit={onSubmit}
      />,
    );
    expect(screen.queryByTestId('organization-edit-served')).toBeNull();
    expect(screen.getByTestId('organization-edit-community')).toHaveTextContent('昌盛社区');
    await userEvent.clear(screen.getByTestId('organization-edit-name'));
    await userEvent.click(screen.getByTestId('organization-edit-submit'));
    expect(await screen.findByText('请输入名称')).toBeInTheDocument();
    await fill(screen.getByTestId('organization-edit-name'), '昌盛社区党群服务中心');
    await userEvent.click(screen.getByTestId('organization-edit-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ name: '昌盛社区党群服务中心' }));
  }, 60_000);
});

describe('adminErrorText', () => {
  const conflict = (extensions: Record<string, unknown>) =>
    new CombinedGraphQLErrors({ errors: [{ message: 'conflict', extensions: { code: 'CONFLICT', ...extensions } }] });
  const t = i18n.getFixedT('zh-CN');

  it('says in Chinese what a known conflict means, and passes anything else through', () => {
    expect(adminErrorText(t, conflict({ field: 'code', reason: 'HAS_MATTERS' }))).toBe('该社区已有事项，事项编号带有社区编号，编号不能再修改');
    expect(adminErrorText(t, conflict({ field: 'code' }))).toBe('该编号已被其他社区使用');
    expect(adminErrorText(t, conflict({ field: 'name' }))).toBe('已有同名的记录，请换一个名称');
    expect(adminErrorText(t, new Error('网络中断'))).toBe('出错了：网络中断');
  });
});
