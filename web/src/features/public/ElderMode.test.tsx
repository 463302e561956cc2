import { afterEach, describe, expect, it } from 'vitest';
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setLanguage } from '../../i18n';
import { renderZh } from '../../test/render';
import { ElderModeSwitch, groupCode, setElderMode, useElderMode } from './ElderMode';
import { StatusDescriptions } from './PublicPages';

function Probe() {
  return <span data-testid="probe">{useElderMode() ? 'on' : 'off'}</span>;
}

afterEach(() => {
  act(() => setElderMode(false));
  setLanguage('zh-CN');
});

describe('长辈模式', () => {
  it('is switched by its named switch and remembered on the device', async () => {
    renderZh(<><ElderModeSwitch /><Probe /></>);
    const toggle = screen.getByRole('switch', { name: '长辈模式' });
    expect(screen.getByTestId('probe')).toHaveTextContent('off');
    await userEvent.click(toggle);
    expect(screen.getByTestId('probe')).toHaveTextContent('on');
    expect(localStorage.getItem('sst.elderMode')).toBe('on');
    await userEvent.click(toggle);
    expect(localStorage.getItem('sst.elderMode')).toBeNull();
  });

  it('groups a tracking code in fours, to be read out and copied down', () => {
    expect(groupCode('ABCD2345XY')).toEqual(['ABCD', '2345', 'XY']);
  });

  it('explains the status in a sentence, in both languages', () => {
    const status = { reference: 'CS-2026-0042', status: 'MEDIATING' as const, reportedAt: '2026-03-02T02:00:00.000Z', updatedAt: '2026-03-02T03:00:00.000Z' };
    const { unmount } = renderZh(<StatusDescriptions status={status} />);
    expect(screen.getByTestId('public-status-sentence')).toHaveTextContent('事项 CS-2026-0042 社区正在请司法所、律师等专业人员一起帮您调解。');
    unmount();
    setLanguage('en');
    renderZh(<StatusDescriptions status={status} />);
    expect(screen.getByTestId('public-status-sentence')).toHaveTextContent('the community has asked the judicial office');
  });
});
