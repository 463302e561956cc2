import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderZh } from '../../test/render';
import { ActivityForm, RecordActivityForm } from './ActivityForms';

const organizations = [
  { id: 'c1', name: '昌盛社区', kind: 'COMMUNITY' as const },
  { id: 'j1', name: '昌盛司法所', kind: 'JUDICIAL_OFFICE' as const },
];
const matters = [{ value: 'm1', label: 'CS-2026-0001 2号楼加装电梯' }];

/** Fills a field in one input event (typing each character through antd is slow in jsdom). */
async function fill(element: Element, text: string) {
  await userEvent.click(element);
  await userEvent.paste(text);
}

describe('ActivityForm', () => {
  it('requires kind, title and venue, hosts with the community by default, and keeps a built agenda', async () => {
    const onSubmit = vi.fn();
    renderZh(<ActivityForm organizations={organizations} matters={matters} onSubmit={onSubmit} />);
    await userEvent.click(screen.getByTestId('activity-submit'));
    expect(await screen.findByText('请选择活动类型')).toBeInTheDocument();
    expect(await screen.findByText('请输入主题')).toBeInTheDocument();
    expect(await screen.findByText('请输入地点')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  }, 60_000);

  it('submits a deliberation prefilled from agenda suggestions', async () => {
    const onSubmit = vi.fn();
    renderZh(
      <ActivityForm
        organizations={organizations}
        matters={matters}
        initial={{ kind: 'DELIBERATION', title: '定期议事会', venue: '说事厅', agenda: '1. 昌盛小区 2号楼（CS-2026-0001）', matterIds: ['m1'] }}
        onSubmit={onSubmit}
      />,
    );
    await userEvent.click(screen.getByTestId('activity-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({
      kind: 'DELIBERATION', title: '定期议事会', venue: '说事厅', hostOrganizationId: 'c1', matterIds: ['m1'], partnerOrganizationIds: [],
    });
  }, 60_000);
});

describe('ActivityForm, editing a planned activity', () => {
  const planned = {
    kind: 'LAW_EXPLANATION' as const,
    title: '以案释法：高空抛物',
    heldAt: '2026-04-08T06:00:00.000Z',
    venue: '说事厅',
    agenda: '案例讲解',
    hostOrganizationId: 'c1',
    partnerOrganizationIds: ['j1'],
    matterIds: ['m1'],
  };

  it('starts from the activity as it is and saves the changes, an emptied agenda as cleared', async () => {
    const onSubmit = vi.fn();
    renderZh(<ActivityForm mode="edit" organizations={organizations} matters={matters} initial={planned} onSubmit={onSubmit} />);
    expect(screen.getByTestId('activity-submit')).toHaveTextContent('保存修改');
    expect(screen.getByTestId('activity-title')).toHaveValue('以案释法：高空抛物');
    expect(screen.getByTestId('activity-venue')).toHaveValue('说事厅');
    await userEvent.clear(screen.getByTestId('activity-venue'));
    await fill(screen.getByTestId('activity-venue'), '八角凉亭');
    await userEvent.clear(screen.getByTestId('activity-agenda'));
    await userEvent.click(screen.getByTestId('activity-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toEqual({ ...planned, venue: '八角凉亭', agenda: '' });
  }, 60_000);

  it('refuses an empty venue and a one-character title', async () => {
    const onSubmit = vi.fn();
    renderZh(<ActivityForm mode="edit" organizations={organizations} matters={matters} initial={planned} onSubmit={onSubmit} />);
    await userEvent.clear(screen.getByTestId('activity-title'));
    await fill(screen.getByTestId('activity-title'), '法');
    await userEvent.clear(screen.getByTestId('activity-venue'));
    await userEvent.click(screen.getByTestId('activity-submit'));
    expect(await screen.findByText('主题至少 2 个字')).toBeInTheDocument();
    expect(await screen.findByText('请输入地点')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  }, 60_000);
});

describe('RecordActivityForm', () => {
  it('requires attendance, minutes and the text of each decision', async () => {
    const onSubmit = vi.fn();
    renderZh(<RecordActivityForm matters={matters} onSubmit={onSubmit} />);
    await userEvent.click(screen.getByTestId('add-decision'));
    await userEvent.click(screen.getByTestId('record-submit'));
    expect(await screen.findByText('请输入参加人数')).toBeInTheDocument();
    expect(await screen.findByText('请输入记录')).toBeInTheDocument();
    expect(await screen.findByText('请输入决定内容')).toBeInTheDocument();

    await fill(screen.getByTestId('record-attendance'), '32');
    await fill(screen.getByTestId('record-minutes'), '居民代表讨论加装电梯费用分摊');
    await fill(screen.getByTestId('decision-0-text'), '按楼层系数分摊费用');
    await userEvent.click(screen.getByTestId('record-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toEqual({
      attendance: 32, minutes: '居民代表讨论加装电梯费用分摊', decisions: [{ text: '按楼层系数分摊费用', matterIds: [] }],
    });
  }, 60_000);
});
