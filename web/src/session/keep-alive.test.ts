import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderHook } from '@testing-library/react';
import { useKeepAliveWhileActive } from './keep-alive';

describe('useKeepAliveWhileActive', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('tells the api about an active person at most once per interval, and never while nobody touches the console', () => {
    const query = vi.fn(() => Promise.resolve({ data: undefined }));
    const { unmount } = renderHook(() => useKeepAliveWhileActive({ query } as never, 60_000));

    // Nobody at the console: time passes, nothing is sent.
    vi.advanceTimersByTime(10 * 60_000);
    expect(query).not.toHaveBeenCalled();

    window.dispatchEvent(new KeyboardEvent('keydown'));
    expect(query).toHaveBeenCalledTimes(1);
    expect(query).toHaveBeenCalledWith(expect.objectContaining({ fetchPolicy: 'network-only' }));

    // More activity within the interval: nothing more.
    vi.advanceTimersByTime(30_000);
    window.dispatchEvent(new Event('pointerdown'));
    window.dispatchEvent(new Event('wheel'));
    expect(query).toHaveBeenCalledTimes(1);

    vi.advanceTimersByTime(31_000);
    window.dispatchEvent(new Event('pointerdown'));
    expect(query).toHaveBeenCalledTimes(2);

    unmount();
    vi.advanceTimersByTime(120_000);
    window.dispatchEvent(new KeyboardEvent('keydown'));
    expect(query).toHaveBeenCalledTimes(2);
  });
});
