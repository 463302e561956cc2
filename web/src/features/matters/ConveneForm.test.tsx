import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderZh } from '../../test/render';
import { ConveneForm } from './ConveneForm';
import { AssessmentForm } from './AssessmentForm';

const organizations = [
  { id: 'c1', name: '昌盛社区', kind: 'COMMUNITY' as const },
  { id: 'j1', name: '昌盛司法所', kind: 'JUDICIAL_OFFICE' as const },
  { id: 'l1', name: '明理律师事务所', kind: 'LAW_FIRM' as const },
  { id: 'p1', name: '昌盛派出所', kind: 'POLICE' as const },
];

describe('ConveneForm', () => {
  it('pre-selects the suggested agencies and sends them with an ISO deadline', async () => {
    const onSubmit = vi.fn();
    renderZh(<ConveneForm organizations={organizations} suggestedIds={['j1', 'l1']} onSubmit={onSubmit} />);

    expect(await screen.findByText('昌盛司法所（司法所）')).toBeInTheDocument();
    expect(await screen.findByText('明理律师事务所（律师事务所）')).toBeInTheDocument();

    await userEvent.click(screen.getByTestId('convene-submit'));
    expect(await screen.findByText('请输入邀请说明')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();

    await userEvent.type(screen.getByTestId('convene-message'), '请协助调解2号楼加装电梯');
    await userEvent.click(screen.getByTestId('convene-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    const values = onSubmit.mock.calls[0]![0] as { organizationIds: string[]; message: string; respondBy: string };
    expect(values.organizationIds).toEqual(['j1', 'l1']);
    expect(values.message).toBe('请协助调解2号楼加装电梯');
    expect(new Date(values.respondBy).getTime()).toBeGreaterThan(Date.now());
  });

  it('requires at least one agency', async () => {
    renderZh(<ConveneForm organizations={organizations} suggestedIds={[]} onSubmit={vi.fn()} />);
    await userEvent.click(screen.getByTestId('convene-submit'));
    expect(await screen.findByText('请至少选择一家邀请单位')).toBeInTheDocument();
  });
});

describe('AssessmentForm', () => {
  it('requires a risk level and a summary, and lists the suggested agencies', async () => {
    const onSubmit = vi.fn();
    renderZh(<AssessmentForm suggestions={[organizations[1]!, organizations[2]!]} onSubmit={onSubmit} />);

    expect(await screen.findByText('昌盛司法所（司法所）')).toBeInTheDocument();
    await userEvent.click(screen.getByTestId('assess-submit'));
    expect(await screen.findByText('请选择风险等级')).toBeInTheDocument();
    expect(await screen.findByText('请输入研判意见')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('reports risk flag changes so the suggestions can be recomputed', async () => {
    const onFlagsChange = vi.fn();
    renderZh(<AssessmentForm suggestions={[]} onFlagsChange={onFlagsChange} onSubmit={vi.fn()} />);
    await userEvent.click(screen.getByLabelText('民转刑风险'));
    expect(onFlagsChange).toHaveBeenCalledWith(['CRIMINAL_ESCALATION']);
  });
});
