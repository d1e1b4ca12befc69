import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

/**
 * The layers of src/, top to bottom (docs/architecture.md): a folder imports only from its own
 * layer's folder and the layers below it, never from a sibling. Listed here once, so the rule,
 * its message and test/architecture/layers.test.ts all read the same table.
 */
export const LAYERS = [
  ['ui', 'cli'],
  ['explorer'],
  ['notebook', 'panels'],
  ['cells'],
  ['stats', 'charts', 'ingest'],
  ['engine'],
  ['shared'],
];

function layerRules() {
  const all = LAYERS.flat();
  return LAYERS.flatMap((layer, depth) =>
    layer.map((folder) => {
      const below = LAYERS.slice(depth + 1).flat();
      const allowed = [folder, ...below];
      const forbidden = all.filter((f) => !allowed.includes(f));
      const list =
        allowed.length > 1
          ? `${allowed.slice(0, -1).join(', ')} and ${allowed.at(-1)}`
          : allowed[0];
      const message =
        forbidden.length === 0
          ? ''
          : `Layering: src/${folder} may import only ${list} (see docs/architecture.md).`;
      return {
        files: [`src/${folder}/**/*.{ts,svelte}`],
        rules:
          forbidden.length === 0
            ? {}
            : {
                'no-restricted-imports': [
                  'error',
                  {
                    // A relative path that climbs out to a forbidden top-level folder of src/.
                    patterns: [{ regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`, message }],
                  },
                ],
              },
      };
    }),
  );
}

export default ts.config(
  { ignores: ['dist/', 'dist-cli/', 'node_modules/', 'out/', 'test-results/', 'bench/results/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
  ...layerRules(),
);
