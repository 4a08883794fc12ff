import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const ioModules = ['express', 'bullmq', 'ioredis', 'kysely', 'pg', 'twilio', 'pino', 'helmet', 'fs', 'node:*', 'http', 'https', 'net', 'child_process'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ioModules.filter((m) => !m.includes('*')).map((name) => ({ name, message: 'src/domain is pure: no I/O modules.' })),
        patterns: [
          { group: ['node:*'], message: 'src/domain is pure: no Node I/O modules.' },
          { group: ['**/db/*', '**/http/*', '**/queue/*', '**/sms/*', '**/services/*', '**/config'], message: 'src/domain may not import adapters.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/domain is pure: pass values in.' }],
    },
  },
  { files: ['jest.config.js'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
