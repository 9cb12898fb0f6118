// Lint rules. The domain is pure (DESIGN): it may not import I/O layers nor read the machine clock.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'web/dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['server/domain/**/*.ts'],
    ignores: ['server/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/app/**', '**/db/**', '**/http/**', '**/adapters/**', '**/jobs/**'], message: 'The domain is pure: no I/O layers.' },
            { group: ['node:fs', 'node:net', 'node:http', 'fs', 'pg', 'kysely', 'fastify', '@electric-sql/*'], message: 'The domain is pure: no I/O.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Time is a parameter in the domain: no Date.now().' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time is a parameter in the domain: no bare new Date().' },
      ],
    },
  },
);
