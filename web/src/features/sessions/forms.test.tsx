import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderZh } from '../../test/render';
import { ScheduleSessionForm } from './ScheduleSessionForm';
import { OutcomeForm } from './OutcomeForm';
import { FollowUpForm } from '../followups/FollowUpForm';
import { formatAmount } from './lifecycle';

const accepted = [
  { id: 'j1', name: '昌盛司法所', kind: 'JUDICIAL_OFFICE' as const },
  { id: 'l1', name: '明理律师事务所', kind: 'LAW_FIRM' as const },
];

async function chooseOption(testId: string, label: string) {
  await userEvent.click(screen.getByTestId(testId).querySelector('.ant-select-content, .ant-select-selector') ?? screen.getByTestId(testId));
  const options = await screen.findAllByTitle(label);
  await userEvent.click(options[options.length - 1]!);
}

/** Fills a field in one input event (typing each character through antd is slow in jsdom). */
async function fill(element: Element, text: string) {
  await userEvent.click(element);
  await userEvent.paste(text);
}

describe('ScheduleSessionForm', () => {
  it('pre-selects the organizations that accepted and requires a venue', async () => {
    const onSubmit = vi.fn();
    renderZh(<ScheduleSessionForm organizations={accepted} onSubmit={onSubmit} />);
    expect(await screen.findByText('昌盛司法所（司法所）')).toBeInTheDocument();
    expect(await screen.findByText('明理律师事务所（律师事务所）')).toBeInTheDocument();

    await userEvent.click(screen.getByTestId('schedule-submit'));
    expect(await screen.findByText('请输入地点')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();

    await fill(screen.getByTestId('schedule-venue').querySelector('input') ?? screen.getByTestId('schedule-venue'), '八角凉亭');
    await fill(screen.getByTestId('schedule-agenda'), '听取双方意见');
    await userEvent.click(screen.getByTestId('schedule-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    const values = onSubmit.mock.calls[0]![0] as { venue: string; organizationIds: string[]; startsAt: string; agenda: string };
    expect(values.venue).toBe('八角凉亭');
    expect(values.organizationIds).toEqual(['j1', 'l1']);
    expect(values.agenda).toBe('听取双方意见');
    expect(new Date(values.startsAt).getTime()).toBeGreaterThan(Date.now());
  }, 60_000);

  it('requires at least one organization', async () => {
    renderZh(<ScheduleSessionForm organizations={[]} onSubmit={vi.fn()} />);
    await userEvent.click(screen.getByTestId('schedule-submit'));
    expect(await screen.findByText('请至少选择一家参加单位')).toBeInTheDocument();
  }, 60_000);
});

describe('OutcomeForm', () => {
  it('requires an outcome and minutes', async () => {
    const onSubmit = vi.fn();
    renderZh(<OutcomeForm startsAt="2026-01-01T02:00:00.000Z" organizations={accepted} onSubmit={onSubmit} />);
    await userEvent.click(screen.getByTestId('outcome-submit'));
    expect(await screen.findByText('请选择调解结果')).toBeInTheDocument();
    expect(await screen.findByText('请输入调解记录')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  }, 60_000);

  it('asks an agreement for at least one valid term and sends exact amounts', async () => {
    const onSubmit = vi.fn();
    renderZh(<OutcomeForm startsAt="2026-01-01T02:00:00.000Z" organizations={accepted} onSubmit={onSubmit} />);
    await chooseOption('outcome-select', '达成协议');
    await fill(screen.getByTestId('outcome-minutes'), '双方同意分期还款');
    await userEvent.click(screen.getByTestId('outcome-submit'));
    expect(await screen.findByText('达成协议时至少需要一项协议条款')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();

    await userEvent.click(screen.getByTestId('add-term'));
    await fill(screen.getByTestId('term-0-amount'), '50000.123');
    await userEvent.click(screen.getByTestId('outcome-submit'));
    expect(await screen.findByText('请输入条款内容')).toBeInTheDocument();
    expect(await screen.findByText('请输入有效金额，如 50000.00（最多两位小数）')).toBeInTheDocument();

    await fill(screen.getByTestId('term-0-description'), '张某归还李某借款');
    await userEvent.clear(screen.getByTestId('term-0-amount'));
    await fill(screen.getByTestId('term-0-amount'), '50000');
    // Enter in a field records nothing: only the button does, after a confirmation.
    await userEvent.type(screen.getByTestId('term-0-amount'), '{Enter}');
    await userEvent.click(screen.getByTestId('outcome-submit'));
    expect(await screen.findByTestId('stage-confirm-summary')).toHaveTextContent('张某归还李某借款，¥50000.00');
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.click(screen.getByTestId('stage-confirm-ok'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({
      outcome: 'AGREEMENT',
      minutes: '双方同意分期还款',
      attendedOrganizationIds: ['j1', 'l1'],
      terms: [{ description: '张某归还李某借款', amount: '50000.00' }],
    });
  }, 60_000);

  it('sends no terms when no agreement was reached', async () => {
    const onSubmit = vi.fn();
    renderZh(<OutcomeForm startsAt="2026-01-01T02:00:00.000Z" organizations={accepted} onSubmit={onSubmit} />);
    await chooseOption('outcome-select', '未达成协议');
    await fill(screen.getByTestId('outcome-minutes'), '分歧较大');
    await userEvent.click(screen.getByTestId('outcome-submit'));
    await userEvent.click(await screen.findByTestId('stage-confirm-ok'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ outcome: 'NO_AGREEMENT', terms: [] });
  }, 60_000);
});

describe('FollowUpForm', () => {
  it('requires fulfilment and a satisfaction rating, and warns that a failure reopens the matter', async () => {
    const onSubmit = vi.fn();
    renderZh(<FollowUpForm onSubmit={onSubmit} />);
    await userEvent.click(screen.getByTestId('follow-up-submit'));
    expect(await screen.findByText('请选择协议是否履行')).toBeInTheDocument();
    expect(await screen.findByText('请评价满意度')).toBeInTheDocument();

    await userEvent.click(screen.getByText('未履行 / 问题未解决'));
    expect(await screen.findByTestId('reopen-warning')).toBeInTheDocument();
    const stars = screen.getByTestId('follow-up-satisfaction').querySelectorAll('li div[role="radio"]');
    await userEvent.click(stars[1]!);
    await fill(screen.getByTestId('follow-up-notes'), '对方未按期还款');
    await userEvent.click(screen.getByTestId('follow-up-submit'));
    await userEvent.click(await screen.findByTestId('stage-confirm-ok'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toEqual({ agreementFulfilled: false, satisfaction: 2, notes: '对方未按期还款', termsPerformed: [], termsWaived: [] });
  }, 60_000);
});

describe('formatAmount', () => {
  it('groups thousands and keeps two decimals', () => {
    expect(formatAmount('50000.00')).toBe('50,000.00');
    expect(formatAmount('1234567.5')).toBe('1,234,567.50');
    expect(formatAmount(null)).toBe('—');
  }, 60_000);
});
