import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderZh } from '../test/render';
import { LoginForm } from './LoginForm';

describe('LoginForm', () => {
  it('asks for username and password in Chinese', async () => {
    const onSubmit = vi.fn();
    renderZh(<LoginForm onSubmit={onSubmit} />);
    await userEvent.click(screen.getByTestId('login-submit'));
    expect(await screen.findByText('请输入用户名')).toBeInTheDocument();
    expect(await screen.findByText('请输入密码')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('lets the page drop an old failure once the form is submitted empty or edited', async () => {
    const onEdit = vi.fn();
    renderZh(<LoginForm onSubmit={vi.fn()} error="用户名或密码错误" onEdit={onEdit} />);
    await userEvent.click(screen.getByTestId('login-submit'));
    expect(await screen.findByText('请输入用户名')).toBeInTheDocument();
    await waitFor(() => expect(onEdit).toHaveBeenCalled());
  });

  it('shows why the user was sent back to the login page', () => {
    renderZh(<LoginForm onSubmit={vi.fn()} notice="登录已过期，请重新登录" />);
    expect(screen.getByTestId('login-notice')).toHaveTextContent('登录已过期，请重新登录');
  });

  it('submits the credentials', async () => {
    const onSubmit = vi.fn();
    renderZh(<LoginForm onSubmit={onSubmit} />);
    await userEvent.type(screen.getByTestId('login-username'), 'coordinator');
    await userEvent.type(screen.getByTestId('login-password'), 'changsheng-demo');
    await userEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toEqual({ username: 'coordinator', password: 'changsheng-demo' });
  });
});
