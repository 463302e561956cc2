import { NoSchemaIntrospectionCustomRule, type GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import type { Config } from '../config';
import { ErrorCode } from '../errors';
import { graphQLError } from './format-error';

// graphql-armor throws from inside validation when propagating, which servers report as an
// internal error; reporting through the validation context yields a proper validation error.
const report = [
  (ctx: ValidationContext | null, err: GraphQLError) =>
    ctx?.reportError(graphQLError(ErrorCode.GRAPHQL_VALIDATION_FAILED, err.message.replace(/^Syntax Error: /, ''))),
];
const common = { propagateOnRejection: false, exposeLimits: true, onReject: report };

/** The same limits on HTTP and on WebSocket operations. */
export function validationRules(config: Config): ValidationRule[] {
  const rules: ValidationRule[] = [
    maxDepthRule({ n: config.GRAPHQL_MAX_DEPTH, ignoreIntrospection: true, ...common }),
    maxAliasesRule({ n: config.GRAPHQL_MAX_ALIASES, ...common }),
    costLimitRule({ maxCost: config.GRAPHQL_MAX_COST, ...common }),
  ];
  if (config.production) rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}
