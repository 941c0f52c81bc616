// ESLint (flat config): TypeScript, React hooks and accessibility rules over the whole tree.
// Formatting is Prettier's job (eslint-config-prettier turns off the rules that would disagree).
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", ".cache/**", "data/**", "test-results/**", "playwright-report/**", "public/sw.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Controls that need the browser (read-aloud, offline saving, share) render only after hydration, so that
      // a page without JavaScript never offers what cannot work (decision 18): that takes one setState in an effect.
      "react-hooks/set-state-in-effect": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  { files: ["app/**/*.tsx"], ...jsxA11y.flatConfigs.recommended },
  {
    files: ["app/**/*.tsx"],
    rules: {
      // A wide table scrolls inside a labelled region that takes focus, so keyboard users can scroll it (axe: scrollable-region-focusable).
      "jsx-a11y/no-noninteractive-tabindex": ["error", { roles: ["region"], tags: [] }],
    },
  },
  { files: ["**/*.{js,mjs,cjs}", "scripts/**", "server/**"], languageOptions: { globals: { ...globals.node } } },
  { files: ["public/**/*.js", "app/**/*.client.ts"], languageOptions: { globals: { ...globals.browser } } },
  prettier,
);
