import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderZh } from '../../test/render';
import { ReportMatterForm } from './ReportMatterForm';
import { normaliseAmount } from './validation';

async function chooseOption(testId: string, optionLabel: string) {
  const select = screen.getByTestId(testId);
  fireEvent.mouseDown(within(select).getByRole('combobox'));
  const option = await screen.findByTitle(optionLabel);
  fireEvent.click(option);
}

describe('ReportMatterForm', () => {
  it('shows the required-field messages in Chinese and does not submit', async () => {
    const onSubmit = vi.fn();
    renderZh(<ReportMatterForm onSubmit={onSubmit} />);

    await userEvent.click(screen.getByTestId('report-submit'));

    expect(await screen.findByText('请输入事项标题')).toBeInTheDocument();
    expect(await screen.findByText('请输入情况描述')).toBeInTheDocument();
    expect(await screen.findByText('请选择事项类别')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('rejects an amount that is not a decimal with at most two places', async () => {
    renderZh(<ReportMatterForm onSubmit={vi.fn()} />);

    await userEvent.type(screen.getByTestId('report-amount'), '5万元');
    await userEvent.click(screen.getByTestId('report-submit'));
    expect(await screen.findByText('请输入有效金额，如 50000.00（最多两位小数）')).toBeInTheDocument();

    await userEvent.clear(screen.getByTestId('report-amount'));
    await userEvent.type(screen.getByTestId('report-amount'), '50000.123');
    expect(await screen.findByText('请输入有效金额，如 50000.00（最多两位小数）')).toBeInTheDocument();
  });

  it('validates each party: name required, phone and ID number formats', async () => {
    renderZh(<ReportMatterForm onSubmit={vi.fn()} />);

    await userEvent.click(screen.getByTestId('add-party'));
    await userEvent.type(screen.getByTestId('party-0-phone'), '12345');
    await userEvent.type(screen.getByTestId('party-0-idNumber'), '33010219800101');
    await userEvent.click(screen.getByTestId('report-submit'));

    expect(await screen.findByText('请输入当事人姓名')).toBeInTheDocument();
    expect(await screen.findByText('请输入有效的电话号码')).toBeInTheDocument();
    expect(await screen.findByText('身份证号格式不正确（18 位）')).toBeInTheDocument();
  });

  it('submits a ReportMatterInput with the amount as a fixed two-place decimal string', async () => {
    const onSubmit = vi.fn();
    renderZh(<ReportMatterForm onSubmit={onSubmit} />);

    await userEvent.type(screen.getByTestId('report-title'), '2号楼加装电梯');
    await userEvent.type(screen.getByTestId('report-description'), '低层住户反对，高层住户支持');
    await userEvent.type(screen.getByTestId('report-location'), '昌盛小区 2号楼');
    await chooseOption('report-category', '加装电梯');
    await userEvent.type(screen.getByTestId('report-amount'), '50000');
    await userEvent.click(screen.getByTestId('add-party'));
    await userEvent.type(screen.getByTestId('party-0-name'), '张三');
    await userEvent.type(screen.getByTestId('party-0-phone'), '13800138000');
    await userEvent.type(screen.getByTestId('party-0-idNumber'), '33010219800101123x');
    await userEvent.click(screen.getByTestId('report-submit'));

    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toEqual({
      title: '2号楼加装电梯',
      description: '低层住户反对，高层住户支持',
      kind: 'DISPUTE',
      category: 'ELEVATOR_INSTALLATION',
      channel: 'TALK_HALL',
      location: '昌盛小区 2号楼',
      amountInDispute: '50000.00',
      householdsAffected: undefined,
      parties: [{ name: '张三', role: 'APPLICANT', phone: '13800138000', idNumber: '33010219800101123X' }],
    });
  });
});

describe('normaliseAmount', () => {
  it('pads to two decimals without going through floating point', () => {
    expect(normaliseAmount('50000')).toBe('50000.00');
    expect(normaliseAmount('0.5')).toBe('0.50');
    expect(normaliseAmount('123456789012.34')).toBe('123456789012.34');
  });
});
