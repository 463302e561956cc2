import { describe, expect, it } from 'vitest';
import { localTimeText } from './export.service';

/** What the formatter says, date by date: the reference for the per-hour offset cache. */
function reference(d: Date, timeZone: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

describe('export times in the community time zone', () => {
  it('match the formatter minute by minute, across daylight-saving transitions (whole and half hours)', () => {
    for (const [timeZone, around] of [
      ['Asia/Shanghai', '2026-12-01T03:00:00Z'],
      ['America/New_York', '2026-03-08T07:00:00Z'], // spring forward
      ['America/New_York', '2026-11-01T06:00:00Z'], // fall back
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'], // half an hour back, at :30 UTC
      ['Asia/Kathmandu', '2026-06-01T00:00:00Z'], // +05:45
    ] as const) {
      const t0 = new Date(around).getTime() - 3 * 3_600_000;
      for (let t = t0; t <= t0 + 6 * 3_600_000; t += 60_000 + 7_000) {
        const d = new Date(t);
        expect(localTimeText(d, timeZone), `${timeZone} ${d.toISOString()}`).toBe(reference(d, timeZone));
      }
    }
  });
});
