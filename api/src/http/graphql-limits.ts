import { NoSchemaIntrospectionCustomRule, type ValidationRule } from 'graphql';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import type { Config } from '../config';

/** The same limits on HTTP and on WebSocket operations. */
export function validationRules(config: Config): ValidationRule[] {
  const rules: ValidationRule[] = [
    maxDepthRule({ n: config.GRAPHQL_MAX_DEPTH, ignoreIntrospection: true, propagateOnRejection: true }),
    maxAliasesRule({ n: config.GRAPHQL_MAX_ALIASES, propagateOnRejection: true }),
    costLimitRule({ maxCost: config.GRAPHQL_MAX_COST, propagateOnRejection: true }),
  ];
  if (config.production) rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}
