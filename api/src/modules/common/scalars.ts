import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { ErrorCode } from '../../errors';
import { DateTimeResolver } from 'graphql-scalars';

/** ISO 8601 date-time; the name `DateTime` is part of the public contract. */
export const DateTimeScalar = DateTimeResolver;

// Money and areas are never negative here: no sign, at most two decimals.
const DECIMAL = /^\d{1,12}(\.\d{1,2})?$/;

function parseDecimal(value: unknown): string {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text.trim())) {
    throw new GraphQLError(`Decimal must be a non-negative exact amount in yuan such as "50000.00", got ${JSON.stringify(value)}`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    });
  }
  return normalizeDecimal(text.trim());
}

/** "50000" → "50000.00"; keeps the value exact (no floating point on the way). */
export function normalizeDecimal(text: string): string {
  const negative = text.startsWith('-');
  const [int, frac = ''] = text.replace(/^-/, '').split('.');
  const digits = int.replace(/^0+(?=\d)/, '');
  return `${negative ? '-' : ''}${digits}.${frac.padEnd(2, '0')}`;
}

/** Exact non-negative amount in yuan, carried as a string ("50000.00"), stored as numeric(14,2). */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'Exact non-negative amount in yuan as a string, e.g. "50000.00" (a sign is refused with BAD_USER_INPUT)',
  serialize: (v) => normalizeDecimal(String(v)),
  parseValue: parseDecimal,
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return parseDecimal(ast.value);
    throw new GraphQLError('Decimal must be a string such as "50000.00"', { extensions: { code: ErrorCode.BAD_USER_INPUT } });
  },
});
