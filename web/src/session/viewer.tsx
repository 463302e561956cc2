import { createContext, useContext } from 'react';
import type { MeQuery } from '../gql/graphql';

export type Viewer = NonNullable<MeQuery['me']>;
export type ConsoleKind = 'coordinator' | 'agency' | 'auditor';

export const ViewerContext = createContext<Viewer | null>(null);

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer outside a signed-in console');
  return viewer;
}

/** Community staff get the workbench; the five partner agencies get the agency console; an auditor only the audit log. */
export function consoleKind(viewer: Viewer): ConsoleKind {
  if (viewer.role === 'AUDITOR') return 'auditor';
  if (viewer.role === 'AGENCY_LEAD' || viewer.role === 'AGENCY_STAFF') return 'agency';
  return viewer.organization.kind === 'COMMUNITY' ? 'coordinator' : 'agency';
}

/** Who may assess a matter and convene the agencies (the api checks again). */
export function canCoordinate(viewer: Viewer): boolean {
  return viewer.role === 'COORDINATOR' || viewer.role === 'ADMIN';
}
