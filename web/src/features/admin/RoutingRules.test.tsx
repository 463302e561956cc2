import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderZh } from '../../test/render';
import { RoutingRuleForm, toRoutingRuleInput } from './RoutingRules';

const communities = [{ id: 'c1', code: 'CS', name: '昌盛社区' }];

/** Opens an antd Select and picks the option with this text. */
async function choose(testId: string, text: string) {
  const select = screen.getByTestId(testId);
  await userEvent.click(within(select).getByRole('combobox'));
  const options = await screen.findAllByText(text, { selector: '.ant-select-item-option-content' });
  await userEvent.click(options[options.length - 1]);
}

describe('toRoutingRuleInput', () => {
  it('turns empty values into null and keeps agency kinds in a stable order', () => {
    expect(toRoutingRuleInput({ category: undefined, scale: 'MAJOR', organizationKinds: ['JUDICIAL_OFFICE', 'COURT'], note: '  ' })).toEqual({
      communityId: null,
      category: null,
      riskFlag: null,
      scale: 'MAJOR',
      organizationKinds: ['COURT', 'JUDICIAL_OFFICE'],
      note: null,
    });
  });
});

describe('RoutingRuleForm', () => {
  it('needs a condition and a kind of agency, then submits the rule', async () => {
    const onSubmit = vi.fn();
    renderZh(<RoutingRuleForm communities={communities} onSubmit={onSubmit} />);
    await userEvent.click(screen.getByTestId('routing-submit'));
    expect(await screen.findByText('请至少设定类别、风险标记或规模中的一项')).toBeInTheDocument();
    expect(await screen.findByText('请至少选择一类单位')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();

    await choose('routing-scale', '重大');
    await choose('routing-kinds', '法院');
    await userEvent.click(screen.getByTestId('routing-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0][0]).toEqual({ communityId: null, category: null, riskFlag: null, scale: 'MAJOR', organizationKinds: ['COURT'], note: null });
  }, 60_000);

  it('does not offer community organizations as a kind to suggest', async () => {
    renderZh(<RoutingRuleForm communities={communities} onSubmit={vi.fn()} />);
    await userEvent.click(within(screen.getByTestId('routing-kinds')).getByRole('combobox'));
    expect(await screen.findByText('派出所', { selector: '.ant-select-item-option-content' })).toBeInTheDocument();
    expect(screen.queryByText('社区', { selector: '.ant-select-item-option-content' })).toBeNull();
  }, 60_000);
});
