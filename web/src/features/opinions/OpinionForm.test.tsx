import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderZh } from '../../test/render';
import { OPINION_MAX_LENGTH, OpinionForm } from './OpinionForm';

/** Fills a field in one input event (typing each character through antd is slow in jsdom). */
async function fill(element: Element, text: string) {
  await userEvent.click(element);
  await userEvent.paste(text);
}

describe('OpinionForm', () => {
  it('requires a body that is not blank, then sends it trimmed with the kind and clears itself', async () => {
    const onSubmit = vi.fn(() => Promise.resolve(true));
    renderZh(<OpinionForm defaultKind="LEGAL_OPINION" onSubmit={onSubmit} />);

    await userEvent.click(screen.getByTestId('opinion-submit'));
    expect(await screen.findByText('请输入意见内容')).toBeInTheDocument();
    await fill(screen.getByTestId('opinion-body'), '   ');
    await userEvent.click(screen.getByTestId('opinion-submit'));
    expect(await screen.findByText('请输入意见内容')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();

    await fill(screen.getByTestId('opinion-body'), '依据《民法典》第二百七十八条，应经业主共同决定。  ');
    await userEvent.click(screen.getByTestId('opinion-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit).toHaveBeenCalledWith({ kind: 'LEGAL_OPINION', body: '依据《民法典》第二百七十八条，应经业主共同决定。' });
    await waitFor(() => expect(screen.getByTestId('opinion-body')).toHaveValue(''));
  }, 60_000);

  it('sends the kind chosen, and keeps the text when saving failed', async () => {
    const onSubmit = vi.fn(() => Promise.resolve(false));
    renderZh(<OpinionForm onSubmit={onSubmit} />);
    expect(screen.getByLabelText('建议')).toBeChecked();
    await userEvent.click(screen.getByText('法律意见'));
    await fill(screen.getByTestId('opinion-body'), '建议先行调解');
    await userEvent.click(screen.getByTestId('opinion-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ kind: 'LEGAL_OPINION', body: '建议先行调解' }));
    expect(screen.getByTestId('opinion-body')).toHaveValue('建议先行调解');
  }, 60_000);

  it(`refuses more than ${OPINION_MAX_LENGTH} characters`, async () => {
    const onSubmit = vi.fn();
    renderZh(<OpinionForm onSubmit={onSubmit} />);
    fireEvent.change(screen.getByTestId('opinion-body'), { target: { value: '很'.repeat(OPINION_MAX_LENGTH + 1) } });
    await userEvent.click(screen.getByTestId('opinion-submit'));
    expect(await screen.findByText(`意见不能超过 ${OPINION_MAX_LENGTH} 字`)).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  }, 60_000);
});
