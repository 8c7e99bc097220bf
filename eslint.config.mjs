// `npm run lint` (with knip and prettier --check): ESLint's and typescript-eslint's recommended
// rules on every TypeScript and JavaScript source, and lines of at most 120 characters.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/', 'out/', '**/node_modules/', 'e2e/.work/', 'bench/.work/', '.scratch/', 'test/e2e/workspace/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Prettier wraps code at 120; this catches what it cannot wrap: comments and long literals.
      'max-len': [
        'error',
        { code: 120, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // Declarations of globals are written `declare var`, as TypeScript's own lib files do.
    files: ['**/*.d.ts'],
    rules: { 'no-var': 'off' },
  },
  {
    // The real-editor suite runs under mocha in VS Code's extension host.
    files: ['e2e/suite/**'],
    languageOptions: { globals: { ...globals.mocha } },
  },
  {
    // Functions it hands to the browser run in the workbench page.
    files: ['e2e/run-ui.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
