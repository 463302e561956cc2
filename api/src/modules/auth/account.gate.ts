import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Context, Viewer } from '../../context';
import { DomainError } from '../../errors';
import { toGraphQLError } from '../../http/format-error';

/**
 * What a session may do while its user must enrol a second factor first (a role listed in
 * MFA_REQUIRED_ROLES without TOTP): see who it is, enrol, sign out — nothing else. Checked on
 * every operation's root fields before it runs (HTTP: the Apollo plugin below; WebSocket: such a
 * session gets no socket at all, see http/server.ts onConnect).
 */
export const ENROLMENT_ONLY_FIELDS: ReadonlySet<string> = new Set([
  'me',
  'logout',
  'passwordPolicy',
  'beginTotpEnrolment',
  'confirmTotpEnrolment',
  '__typename',
]);

export const mfaEnrolmentRequired = () =>
  // Refused before execution: Apollo answers such a request error with this HTTP status (not 500)
  // and does not send the `http` extension to the client.
  new DomainError('FORBIDDEN', 'Set up two-factor sign-in first (账号安全 → 两步验证)', { reason: 'MFA_ENROLMENT_REQUIRED', http: { status: 403 } });

/** The root fields an operation selects, through fragments too. */
function rootFields(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, out: Set<string>, seen = new Set<string>()): Set<string> {
  for (const s of selectionSet.selections) {
    if (s.kind === Kind.FIELD) out.add(s.name.value);
    else if (s.kind === Kind.INLINE_FRAGMENT) rootFields(s.selectionSet, fragments, out, seen);
    else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      const f = fragments.get(s.name.value);
      if (f) rootFields(f.selectionSet, fragments, out, seen);
    }
  }
  return out;
}

/** The error to answer with, or null when the operation may run. */
export function enrolmentGate(viewer: Viewer | null | undefined, document: DocumentNode, operation: OperationDefinitionNode | null | undefined): DomainError | null {
  if (!viewer?.mfaEnrolmentRequired) return null;
  if (!operation) return mfaEnrolmentRequired();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  for (const name of rootFields(operation.selectionSet, fragments, new Set())) {
    if (!ENROLMENT_ONLY_FIELDS.has(name)) return mfaEnrolmentRequired();
  }
  return null;
}

/** The gate on HTTP: runs once the operation is parsed and validated, before any resolver. */
export function enrolmentGatePlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation }) {
          const error = enrolmentGate(contextValue.viewer, document, operation);
          if (error) throw toGraphQLError(error);
        },
      };
    },
  };
}
