import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { ActivitySubscription, InvitationReceivedSubscription, MyInvitationsQuery } from '../graphql/operations';
import type { ActivitySubscription as ActivityData } from '../gql/graphql';
import { useConnection } from '../apollo/connection';
import { formatDateTime } from '../i18n';
import { describeEvent } from '../ui/events';
import { useViewer } from '../session/viewer';
import { useAnnounce } from '../ui/a11y';
import { hasErrorCode } from '../ui/errors';

export type ActivityEvent = ActivityData['activity'];

/** Events that change an agency's inbox (its own organization's invitations). */
const INBOX_EVENTS = new Set(['INVITATION_ACCEPTED', 'INVITATION_DECLINED', 'INVITATION_ASSIGNED', 'INVITATION_EXPIRED']);
type ActivityListener = (event: ActivityEvent) => void;

interface LiveContextValue {
  /** Register a callback for every activity event the viewer may see; returns the unregister function. */
  onActivity(listener: ActivityListener): () => void;
  unreadInvitationIds: ReadonlySet<string>;
  markInvitationRead(id: string): void;
  markAllInvitationsRead(): void;
}

const LiveContext = createContext<LiveContextValue | null>(null);

export function useLive(): LiveContextValue {
  const value = useContext(LiveContext);
  if (!value) throw new Error('useLive outside LiveProvider');
  return value;
}

/** Calls `listener` for each live activity event; the latest listener is always used. */
export function useActivity(listener: ActivityListener) {
  const { onActivity } = useLive();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => onActivity((event) => latest.current(event)), [onActivity]);
}

/** The server's answer to a replay from a cursor past retention (ErrorCode CURSOR_EXPIRED). */
export function isCursorExpired(err: unknown): boolean {
  return hasErrorCode(err, 'CURSOR_EXPIRED');
}

interface Props {
  agency: boolean;
  children: ReactNode;
}

/**
 * Owns the console's live streams: the resumable `activity` subscription (every console) and
 * `invitationReceived` (agency consoles). After the socket comes back it resubscribes with
 * `after: <last cursor seen>` and refetches the active queries, so nothing missed stays missing.
 */
export function LiveProvider({ agency, children }: Props) {
  const client = useApolloClient();
  const { notification, message } = App.useApp();
  const { t } = useTranslation();
  const { epoch } = useConnection();
  const viewer = useViewer();
  const say = useAnnounce();

  const listeners = useRef(new Set<ActivityListener>());
  const lastCursor = useRef<string | null>(null);
  const seenCursors = useRef(new Set<string>());
  const [unread, setUnread] = useState<ReadonlySet<string>>(() => new Set());
  // Bumped when the server says the cursor is past retention: subscribe again from the head.
  const [restart, setRestart] = useState(0);

  // Which invitations this console already knows; anything new that shows up is announced once.
  const knownInvitations = useRef<Set<string> | null>(null);

  const announce = useCallback(
    (invitation: { id: string; request: { respondBy: string; matter: { reference: string; title: string } } }) => {
      setUnread((prev) => new Set(prev).add(invitation.id));
      const body = t('inbox.receivedBody', {
        reference: invitation.request.matter.reference,
        title: invitation.request.matter.title,
        deadline: formatDateTime(invitation.request.respondBy),
      });
      // A toast is not read out: the same news goes to the screen reader's polite live region.
      say(t('a11y.live.invitation', { text: body }));
      notification.info({
        key: `invitation-${invitation.id}`,
        title: t('inbox.received'),
        description: (
          <span data-testid="invitation-notification">{body}</span>
        ),
        placement: 'topRight',
      });
    },
    [notification, t, say],
  );

  // Kept in a ref so a language switch does not restart the stream.
  const toast = useRef<ActivityListener>(() => {});
  useEffect(() => {
    toast.current = (event) => {
      // Any answer, assignment or expiry of one of the organization's invitations changes every
      // inbox of that organization, not only the console that made the change.
      if (agency && INBOX_EVENTS.has(event.type) && event.payload.organizationId === viewer.organization.id) {
        void client.refetchQueries({ include: [MyInvitationsQuery] });
        const assignedToMe =
          (event.type === 'INVITATION_ASSIGNED' || event.type === 'INVITATION_ACCEPTED') &&
          event.payload.assigneeId === viewer.id &&
          event.actor?.id !== viewer.id;
        if (assignedToMe) {
          notification.info({
            key: `assigned-${String(event.payload.invitationId)}`,
            title: t('inbox.assignedToYou'),
            description: (
              <span data-testid="assigned-notification">
                {t('inbox.assignedToYouBody', { reference: String(event.payload.reference ?? ''), title: String(event.payload.title ?? '') })}
              </span>
            ),
            placement: 'topRight',
          });
        }
      }
      // Answers to invitations and status changes are read out by screen readers as they happen.
      if (event.type.startsWith('INVITATION_') || event.type === 'MATTER_STATUS_CHANGED') say(describeEvent(t, event));
      if (!agency && (event.type === 'INVITATION_ACCEPTED' || event.type === 'INVITATION_DECLINED')) {
        message.info({ content: <span data-testid="live-toast">{describeEvent(t, event)}</span> });
      }
      // 及时办事: a missed deadline is news for the coordinator and for the agency alike.
      if (event.type === 'INVITATION_EXPIRED') {
        message.warning({ content: <span data-testid="live-toast">{describeEvent(t, event)}</span>, duration: 8 });
      }
    };
  });

  // Resubscribe on every (re)connection epoch after the first, resuming from the last cursor.
  const resumeKey = epoch > 1 ? epoch : 1;
  useEffect(() => {
    const after = resumeKey > 1 ? (lastCursor.current ?? undefined) : undefined;
    // A cursor older than the events the server still keeps (CURSOR_EXPIRED): what was missed
    // cannot be replayed, so reload what is on screen and go on live from now.
    const expired = (error: unknown) => {
      if (!isCursorExpired(error)) return false;
      lastCursor.current = null;
      void client.refetchQueries({ include: 'active' });
      setRestart((n) => n + 1);
      return true;
    };
    const subscription = client.subscribe({ query: ActivitySubscription, variables: { after } }).subscribe({
      next: ({ data, error }) => {
        if (expired(error)) return;
        const event = data?.activity;
        if (!event || seenCursors.current.has(event.cursor)) return;
        seenCursors.current.add(event.cursor);
        lastCursor.current = event.cursor;
        for (const listener of listeners.current) listener(event);
        toast.current(event);
      },
      // graphql-ws retries on its own; a fatal error (revoked token) ends the session elsewhere.
      error: (err: unknown) => void expired(err),
    });
    if (resumeKey > 1) void client.refetchQueries({ include: 'active' });
    return () => subscription.unsubscribe();
  }, [client, resumeKey, restart]);

  useEffect(() => {
    if (!agency) return;
    const subscription = client.subscribe({ query: InvitationReceivedSubscription }).subscribe({
      next: ({ data }) => {
        const invitation = data?.invitationReceived;
        if (!invitation) return;
        const known = knownInvitations.current;
        if (!known?.has(invitation.id)) {
          known?.add(invitation.id);
          announce(invitation);
        }
        void client.refetchQueries({ include: [MyInvitationsQuery] });
      },
      error: () => {},
    });
    return () => subscription.unsubscribe();
  }, [agency, client, announce]);

  // The inbox query stays watched for the whole agency session, so a refetch after a reconnect
  // also reveals invitations that arrived while the socket was down.
  useEffect(() => {
    if (!agency) return;
    const watched = client.watchQuery({ query: MyInvitationsQuery, fetchPolicy: 'cache-and-network' }).subscribe({
      next: (result) => {
        if (result.dataState !== 'complete') return;
        const invitations = result.data.myInvitations;
        if (knownInvitations.current === null) {
          knownInvitations.current = new Set(invitations.map((i) => i.id));
          return;
        }
        for (const invitation of invitations) {
          if (!knownInvitations.current.has(invitation.id)) {
            knownInvitations.current.add(invitation.id);
            if (invitation.status === 'PENDING') announce(invitation);
          }
        }
      },
      error: () => {},
    });
    return () => watched.unsubscribe();
  }, [agency, client, announce]);

  const onActivity = useCallback((listener: ActivityListener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  const markInvitationRead = useCallback((id: string) => {
    setUnread((prev) => {
      if (!prev.has(id)) return prev;
      const next = new Set(prev);
      next.delete(id);
      return next;
    });
  }, []);

  const markAllInvitationsRead = useCallback(() => setUnread(new Set()), []);

  const value = useMemo(
    () => ({ onActivity, unreadInvitationIds: unread, markInvitationRead, markAllInvitationsRead }),
    [onActivity, unread, markInvitationRead, markAllInvitationsRead],
  );

  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}
