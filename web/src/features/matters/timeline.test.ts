import { describe, expect, it } from 'vitest';
import { timelineEntries } from './MatterDetailPage';

const event = (cursor: string, type: string, occurredAt: string) =>
  ({ cursor, type, occurredAt, matterId: 'm', payload: {}, actor: null }) as unknown as Parameters<typeof timelineEntries>[0][number];

describe('the matter timeline', () => {
  it('lists entries by when they happened, not by when they were written', () => {
    const entries = timelineEntries([event('10', 'MATTER_REPORTED', '2026-08-03T02:00:00.000Z'), event('11', 'DELIBERATION_DECISION_LINKED', '2026-05-15T02:00:00.000Z')]);
    expect(entries.map((e) => e[0]!.occurredAt.slice(0, 10))).toEqual(['2026-05-15', '2026-08-03']);
  });

  it('folds a run of consecutive votes into one entry', () => {
    const votes = Array.from({ length: 20 }, (_, i) => event(String(2 + i), 'ELEVATOR_CONSENT_RECORDED', `2026-05-15T02:${String(i).padStart(2, '0')}:00.000Z`));
    const entries = timelineEntries([event('1', 'MATTER_REPORTED', '2026-05-14T02:00:00.000Z'), ...votes, event('30', 'SESSION_SCHEDULED', '2026-05-16T02:00:00.000Z'), event('31', 'ELEVATOR_CONSENT_RECORDED', '2026-05-17T02:00:00.000Z')]);
    expect(entries.map((e) => [e[0]!.type, e.length])).toEqual([
      ['MATTER_REPORTED', 1],
      ['ELEVATOR_CONSENT_RECORDED', 20],
      ['SESSION_SCHEDULED', 1],
      ['ELEVATOR_CONSENT_RECORDED', 1],
    ]);
  });
});
