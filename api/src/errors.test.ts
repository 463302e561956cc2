import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { GraphQLError, type GraphQLEnumType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { conflict, ErrorCode, ErrorReason } from './errors';
import { getSchema } from './schema';
import { formatError, toGraphQLError } from './http/format-error';

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
    expect(format(toGraphQLError(conflict('A matter cannot go from CLOSED to REPORTED'))).extensions?.code).toBe('CONFLICT');
    const suggestion = new GraphQLError('Cannot query field "matterz" on type "Query". Did you mean "matter"?', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(format(suggestion, true).message).toBe('Cannot query field "matterz" on type "Query".');
    expect(format(suggestion, false).message).toMatch(/Did you mean/);
  });
});

describe('the error contract', () => {
  it('a DomainError is not a GraphQLError, and keeps its code and details through the mapper', () => {
    const e = conflict('Two-factor sign-in is already on', { reason: ErrorReason.ALREADY_ENROLLED });
    expect(e).not.toBeInstanceOf(GraphQLError);
    const out = format(toGraphQLError(e));
    expect(out.extensions).toEqual({ code: 'CONFLICT', reason: 'ALREADY_ENROLLED' });
    // graphql-js copies `extensions` from an error a resolver throws (locatedError).
    expect(new GraphQLError(e.message, { originalError: e }).extensions).toEqual({ code: 'CONFLICT', reason: 'ALREADY_ENROLLED' });
  });

  it('publishes every code and reason in the schema, with ErrorExtensions documenting the keys', async () => {
    const schema = await getSchema();
    const codes = schema.getType('ErrorCode') as GraphQLEnumType;
    expect(codes.getValues().map((v) => v.name).sort()).toEqual(Object.values(ErrorCode).sort());
    expect(codes.getValues().every((v) => (v.description ?? '').length > 10)).toBe(true);
    const reasons = schema.getType('ErrorReason') as GraphQLEnumType;
    expect(reasons.getValues().map((v) => v.name).sort()).toEqual(Object.values(ErrorReason).sort());
    const extensions = schema.getType('ErrorExtensions') as GraphQLObjectType;
    expect(Object.keys(extensions.getFields())).toEqual(expect.arrayContaining(['code', 'reason', 'field', 'fields', 'retryAfterSeconds', 'oldestCursor', 'openTerms']));
  });

  it('answers every code it passes through unmasked, and masks what is not in the contract', () => {
    for (const code of Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR)) {
      expect(format(new GraphQLError('x', { extensions: { code } })).extensions?.code).toBe(code);
    }
    expect(format(new GraphQLError('x', { extensions: { code: 'RATE_LIMITED' } })).extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });
});
