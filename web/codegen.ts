import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents come from the committed contract, never from a running server.
const config: CodegenConfig = {
  schema: '../schema/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false },
        defaultScalarType: 'unknown',
        scalars: { DateTime: 'string', Decimal: 'string', JSONObject: 'Record<string, unknown>' },
      },
    },
    // The error contract (ErrorCode, ErrorReason, ErrorExtensions): no operation selects these
    // types, so the client preset above leaves them out.
    './src/gql/error-contract.ts': { plugins: ['./codegen-error-contract.cjs'] },
  },
};

export default config;
