// ESLint (flat config): Next's core-web-vitals rules (React, hooks, accessibility, Next), typescript-
// eslint's strict set, and the project's import boundaries (tools/eslint/stackcenter-plugin.mjs).
// Formatting is Prettier's job (.prettierrc.json), not ESLint's.
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import tseslint from "typescript-eslint";
import stackcenter from "./tools/eslint/stackcenter-plugin.mjs";

const config = [
  { ignores: [".next/**", "generated/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "bench-results/**", "next-env.d.ts"] },
  ...nextCoreWebVitals,
  ...tseslint.configs.strict,
  {
    plugins: { stackcenter },
    rules: {
      "stackcenter/import-boundaries": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // Tests pick known rows out of fixtures they built themselves: a missing one fails the test anyway.
    files: ["tests/**", "e2e/**"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
];

export default config;
