import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderZh } from '../../test/render';
import { AssigneeSelect } from './AssigneeSelect';

const users = [
  { id: 'u1', displayName: '孙所长' },
  { id: 'u2', displayName: '李调解员' },
];

async function chooseOption(testId: string, label: string) {
  await userEvent.click(screen.getByTestId(testId).querySelector('.ant-select-content, .ant-select-selector') ?? screen.getByTestId(testId));
  const options = await screen.findAllByTitle(label);
  await userEvent.click(options[options.length - 1]!);
}

describe('AssigneeSelect (指派承办人)', () => {
  it("shows who is assigned and assigns the colleague chosen", async () => {
    const onAssign = vi.fn();
    renderZh(<AssigneeSelect invitationId="i1" users={users} value="u1" onAssign={onAssign} />);
    expect(screen.getByText('指派承办人')).toBeInTheDocument();
    expect(await screen.findByTitle('孙所长')).toBeInTheDocument();

    await chooseOption('assign-i1', '李调解员');
    await waitFor(() => expect(onAssign).toHaveBeenCalledWith('u2'));
  }, 60_000);

  it('asks for a colleague when nobody is assigned yet', async () => {
    renderZh(<AssigneeSelect invitationId="i2" users={users} value={null} onAssign={vi.fn()} />);
    expect(await screen.findByText('选择本单位人员')).toBeInTheDocument();
  }, 60_000);
});
