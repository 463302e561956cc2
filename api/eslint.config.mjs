import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Resolvers only translate between GraphQL and the services: SQL lives in services and queries.
    files: ['src/**/*.resolver.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^(execute|getKnex|createQueryBuilder|getConnection)$/]",
          message: 'No SQL in a resolver: put it in the feature\'s service (or *.queries.ts) and call that.',
        },
      ],
    },
  },
  {
    // Domain code (services, policy, events, errors) knows nothing of GraphQL: it throws DomainError
    // (src/errors.ts) and http/format-error.ts maps it. Only the GraphQL layer imports graphql/Apollo.
    files: ['src/**/*.ts'],
    ignores: [
      'src/http/**',
      'src/schema.ts',
      'src/**/*.resolver.ts',
      'src/**/*.test.ts',
      'src/test/**',
      'src/modules/common/scalars.ts',
      'src/modules/auth/account.gate.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'graphql', message: 'Domain code does not depend on GraphQL: throw DomainError from src/errors.ts; the http layer maps it.' },
            { name: '@apollo/server', message: 'Domain code does not depend on Apollo.' },
          ],
        },
      ],
    },
  },
);
