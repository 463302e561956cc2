import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { conflict, formatError } from './errors';

const format = (e: GraphQLError, production = true) => formatError(e.toJSON(), e, production);

describe('formatError', () => {
  it('masks unexpected errors: no SQL, no stack, no internal names', () => {
    const e = new GraphQLError('boom', { originalError: new Error('select * from app_user where password_hash = …'), path: ['matters'] });
    const out = format(e);
    expect(out).toEqual({ message: 'Internal server error', path: ['matters'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('turns a unique-constraint race into CONFLICT', () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "elevator_consent_matter_id_unit_unique"'), { code: '23505' });
    const e = new GraphQLError('dup', { originalError: new UniqueConstraintViolationException(driverError) });
    expect(format(e).extensions).toEqual({ code: 'CONFLICT' });
    expect(format(e).message).not.toMatch(/elevator_consent/);
  });

  it('keeps domain errors and strips field suggestions in production only', () => {
    expect(format(conflict('A matter cannot go from CLOSED to REPORTED')).extensions?.code).toBe('CONFLICT');
    const suggestion = new GraphQLError('Cannot query field "matterz" on type "Query". Did you mean "matter"?', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(format(suggestion, true).message).toBe('Cannot query field "matterz" on type "Query".');
    expect(format(suggestion, false).message).toMatch(/Did you mean/);
  });
});
