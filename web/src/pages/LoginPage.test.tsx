import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { MockedProvider } from '@apollo/client/testing/react';
import { MemoryRouter } from 'react-router';
import { LoginMutation } from '../graphql/operations';
import { renderZh } from '../test/render';
import { LoginPage } from './LoginPage';

function answering(error: GraphQLError) {
  return renderZh(
    <MockedProvider mocks={[{ request: { query: LoginMutation, variables: { username: 'court', password: 'guess' } }, result: { errors: [error] } }]}>
      <MemoryRouter>
        <LoginPage />
      </MemoryRouter>
    </MockedProvider>,
  );
}

async function signIn() {
  await userEvent.type(screen.getByTestId('login-username'), 'court');
  await userEvent.type(screen.getByTestId('login-password'), 'guess');
  await userEvent.click(screen.getByTestId('login-submit'));
}

describe('LoginPage', () => {
  it('says a throttled sign-in is to be retried later, not that the password was wrong', async () => {
    answering(new GraphQLError('Too many sign-in attempts; try again later', { extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 60 } }));
    await signIn();
    expect(await screen.findByTestId('login-error')).toHaveTextContent('登录尝试过于频繁，请稍候几分钟再试');
  });

  it('says a wrong password is wrong', async () => {
    answering(new GraphQLError('Wrong username or password', { extensions: { code: 'UNAUTHENTICATED' } }));
    await signIn();
    expect(await screen.findByTestId('login-error')).toHaveTextContent('用户名或密码错误');
  });
});
