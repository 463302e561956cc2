import type { GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable } from '../db/orm';
import { formatError } from '../errors';
import { logger } from '../logger';

export const SERVICE_UNAVAILABLE = {
  message: 'The service is temporarily unavailable; try again shortly',
  extensions: { code: 'SERVICE_UNAVAILABLE' },
} as const;

export type ErrorFormatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * The one error formatter of both transports (Apollo over HTTP, graphql-ws over WebSocket):
 * formatError, except that a database that cannot be reached (restarting, failing over) is
 * SERVICE_UNAVAILABLE — a state to wait out and retry — rather than a masked internal error.
 */
export function errorFormatter(production: boolean): ErrorFormatter {
  return (formatted, error) => {
    if (isDatabaseUnavailable(error)) {
      logger.warn({ err: (error as Error).message }, 'database unavailable');
      return { ...SERVICE_UNAVAILABLE, path: formatted.path };
    }
    return formatError(formatted, error, production);
  };
}
