// ESLint for the extension (plain ES modules in the browser) and its Node unit tests (tests/js).
// Run from the project root: `npx eslint extension tests/js` (.ci/run does; tests/static/test_eslint.py too).
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    ignores: ["node_modules/**", ".venv/**", "tests/e2e/artifacts/**"],
  },
  js.configs.recommended,
  {
    files: ["extension/**/*.js"],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: "module",
      globals: { ...globals.browser, ...globals.webextensions },
    },
    rules: {
      // HTML parsing of strings is how record text would become markup; the extension builds DOM with
      // lib/dom.js h() and textContent only (tests/static/test_extension_source.py checks the same).
      "no-restricted-properties": [
        "error",
        { property: "innerHTML", message: "Build DOM with h() or textContent; never parse strings as HTML." },
        { property: "outerHTML", message: "Build DOM with h() or textContent; never parse strings as HTML." },
        { property: "insertAdjacentHTML", message: "Build DOM with h() or textContent; never parse strings as HTML." },
      ],
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      eqeqeq: ["error", "always"],
      "no-var": "error",
      "prefer-const": "error",
      "no-unused-vars": ["error", { argsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // The classic content script (content scripts cannot be modules) and the worker's globals.
    files: ["extension/content/loader.js"],
    languageOptions: { sourceType: "script" },
  },
  {
    files: ["tests/js/**/*.mjs", "eslint.config.js"],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: "module",
      globals: { ...globals.node },
    },
    rules: {
      eqeqeq: ["error", "always"],
      "no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
];
