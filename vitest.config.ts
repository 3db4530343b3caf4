import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);
const alias = [
  { find: /^@\//, replacement: `${root}/` },
  // `server-only` throws outside React's server condition; tests import server modules directly.
  { find: /^server-only$/, replacement: path.join(root, "test-utils/empty-module.ts") },
  // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses.
  { find: /^next\/server$/, replacement: "next/server.js" },
];

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: [
            "platform/**/*.test.ts",
            "features/**/*.test.ts",
            "db/**/*.test.ts",
            "cli/**/*.test.ts",
            "e2e/**/*.unit.test.ts",
            "scripts/**/*.test.ts",
            "tests/**/*.test.ts",
          ],
          exclude: ["**/*.int.test.ts"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // The export memory test forces garbage collection to measure what is retained.
          execArgv: ["--expose-gc"],
          // Let Vite resolve next-auth's extensionless "next/server" import (see alias above).
          server: { deps: { inline: ["next-auth"] } },
        },
      },
    ],
  },
});
