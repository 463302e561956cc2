import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

// What a screen reader needs beyond what Ant Design gives: one polite live region for the
// console's news (a toast alone is never read out), and keyboard access to the tables that
// scroll sideways on a phone.

type Announce = (text: string) => void;

const AnnounceContext = createContext<Announce>(() => {});

/** Says `text` through the page's polite live region (after what the reader is saying now). */
export function useAnnounce(): Announce {
  return useContext(AnnounceContext);
}

/**
 * Holds the console's one `aria-live="polite"` region. The text is cleared and set again on the
 * next frame, so the same news twice (two invitations for one matter) is read out twice.
 */
export function LiveAnnouncer({ children }: { children: ReactNode }) {
  const [text, setText] = useState('');
  const frame = useRef(0);
  const announce = useCallback<Announce>((next) => {
    setText('');
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => setText(next));
  }, []);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="live-announcer">
        {text}
      </div>
    </AnnounceContext.Provider>
  );
}

const SCROLLERS = '.ant-table-content, .ant-table-body';

function markScrollers() {
  for (const element of document.querySelectorAll<HTMLElement>(SCROLLERS)) {
    const scrolls = element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1;
    if (scrolls && !element.hasAttribute('tabindex')) {
      element.tabIndex = 0;
      element.dataset.keyboardScroll = 'true';
    } else if (!scrolls && element.dataset.keyboardScroll) {
      element.removeAttribute('tabindex');
      delete element.dataset.keyboardScroll;
    }
  }
}

/**
 * A table wider than the screen scrolls sideways; without a focusable element inside, a keyboard
 * user cannot reach what is off to the side (WCAG 2.1.1). Every such scroller, on every page,
 * becomes a tab stop while it overflows — kept up as pages render and the window resizes.
 */
export function useKeyboardScrollableTables() {
  useEffect(() => {
    let scheduled = 0;
    const schedule = () => {
      if (scheduled) return;
      scheduled = requestAnimationFrame(() => {
        scheduled = 0;
        markScrollers();
      });
    };
    const observer = new MutationObserver(schedule);
    observer.observe(document.body, { childList: true, subtree: true });
    window.addEventListener('resize', schedule);
    schedule();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', schedule);
      cancelAnimationFrame(scheduled);
    };
  }, []);
}
