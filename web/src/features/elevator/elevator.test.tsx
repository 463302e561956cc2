import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderZh } from '../../test/render';
import { TallySummary } from './ElevatorConsentCard';
import { ElevatorConsentForm } from './ElevatorConsentForm';
import { AREA_PATTERN, hundredths, percent, reaches } from './tally';

/** Fills a field in one input event (typing each character through antd is slow in jsdom). */
async function fill(element: Element, text: string) {
  await userEvent.click(element);
  await userEvent.paste(text);
}

describe('ElevatorConsentForm', () => {
  it('requires unit, floor, a valid area and the owner', async () => {
    const onSubmit = vi.fn();
    renderZh(<ElevatorConsentForm onSubmit={onSubmit} />);
    await userEvent.click(screen.getByTestId('elevator-submit'));
    expect(await screen.findByText('请输入户号')).toBeInTheDocument();
    expect(await screen.findByText('请输入楼层')).toBeInTheDocument();
    expect(await screen.findByText('请输入有效面积，如 86.50')).toBeInTheDocument();
    expect(await screen.findByText('请输入业主姓名')).toBeInTheDocument();

    await fill(screen.getByTestId('elevator-unit'), '2-1-301');
    await fill(screen.getByTestId('elevator-floor'), '3');
    await fill(screen.getByTestId('elevator-area'), '86.5');
    await fill(screen.getByTestId('elevator-owner'), '王秀英');
    await userEvent.click(screen.getByText('不同意'));
    await userEvent.click(screen.getByTestId('elevator-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toEqual({ unit: '2-1-301', floor: 3, area: '86.5', ownerName: '王秀英', vote: 'DISAGREE', note: undefined });
  }, 60_000);
});

describe('Civil Code art. 278 ratios', () => {
  it('compares exactly, also at the threshold', () => {
    expect(hundredths('86.5')).toBe(8650n);
    expect(reaches(2n, 3n, 2n, 3n)).toBe(true);
    expect(reaches(hundredths('66.66'), hundredths('100'), 2n, 3n)).toBe(false);
    expect(reaches(3n, 4n, 3n, 4n)).toBe(true);
    expect(reaches(0n, 0n, 3n, 4n)).toBe(false);
    expect(percent(2n, 3n)).toBe(66.66);
  }, 60_000);

  it('accepts areas with up to two decimals, not zero', () => {
    expect(AREA_PATTERN.test('86.50')).toBe(true);
    expect(AREA_PATTERN.test('0')).toBe(false);
    expect(AREA_PATTERN.test('86.505')).toBe(false);
  }, 60_000);
});

describe('TallySummary', () => {
  const base = {
    totalHouseholds: 6, registeredHouseholds: 6, registerComplete: true, totalArea: '400.00', participatingOwners: 0, participatingArea: '0.00',
    agreeOwners: 0, agreeArea: '0.00', disagreeOwners: 0, abstainOwners: 0, notVotedOwners: 6, participationMet: false, approvalMet: false, approved: false,
  };

  it('says 尚未表决 while nobody has voted, not a red 未达到', () => {
    renderZh(<TallySummary tally={base} />);
    expect(screen.getByTestId('elevator-not-voted')).toHaveTextContent('尚未表决');
    expect(screen.queryByText('未达到')).toBeNull();
    expect(screen.queryByTestId('elevator-verdict')).toBeNull();
  });

  it('warns while the register is incomplete, and judges once votes are in', () => {
    renderZh(<TallySummary tally={{ ...base, registeredHouseholds: 5, registerComplete: false, participatingOwners: 5, agreeOwners: 3, disagreeOwners: 1, abstainOwners: 1, notVotedOwners: 1, participatingArea: '383.70', agreeArea: '259.50' }} />);
    expect(screen.getByTestId('elevator-register-incomplete')).toHaveTextContent('已登记 5 / 6 户');
    expect(screen.getByTestId('elevator-verdict')).toHaveTextContent('未达到法定表决要求');
  });
});
