import { afterEach, describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { setLanguage } from '../../i18n';
import { renderZh } from '../../test/render';
import { StatusDescriptions } from './PublicPages';

const status = { reference: 'CS-2026-0042', status: 'ASSESSING' as const, reportedAt: '2026-03-02T02:00:00.000Z', updatedAt: '2026-03-02T03:00:00.000Z' };

afterEach(() => setLanguage('zh-CN'));

describe('StatusDescriptions (/track)', () => {
  it('tells the resident the status in Chinese', () => {
    setLanguage('zh-CN');
    renderZh(<StatusDescriptions status={status} />);
    expect(screen.getByTestId('public-status-text')).toHaveTextContent('社区正在研判');
    expect(screen.getByTestId('public-status')).toHaveTextContent('CS-2026-0042');
  });

  it('and in English, from the status itself rather than the api’s Chinese statusText', () => {
    setLanguage('en');
    renderZh(<StatusDescriptions status={{ ...status, status: 'ESCALATED' }} />);
    expect(screen.getByTestId('public-status-text')).toHaveTextContent('Handed over to the competent authority');
    expect(screen.getByTestId('public-status')).not.toHaveTextContent('移交');
  });

  it('has a sentence for every status in both languages', () => {
    for (const language of ['zh-CN', 'en'] as const) {
      setLanguage(language);
      for (const s of ['REPORTED', 'ASSESSING', 'MEDIATING', 'RESOLVED', 'ESCALATED', 'WITHDRAWN', 'CLOSED'] as const) {
        const { unmount } = renderZh(<StatusDescriptions status={{ ...status, status: s }} />);
        const text = screen.getByTestId('public-status-text').textContent ?? '';
        expect(text, `${language} ${s}`).not.toContain('lifecycle.public');
        expect(text.length, `${language} ${s}`).toBeGreaterThan(1);
        unmount();
      }
    }
  });
});
