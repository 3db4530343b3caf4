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

/** Integration tests that start app servers on fixed ports, or stop and restart Postgres (the fault drills). */
const SERVER_TESTS = ["tests/integration/**/*.int.test.ts"];

const integration = {
  include: ["**/*.int.test.ts"],
  testTimeout: 120_000,
  hookTimeout: 120_000,
  // The export memory test forces garbage collection to measure what is retained.
  execArgv: ["--expose-gc"],
  // Let Vite resolve next-auth's extensionless "next/server" import (see alias above).
  server: { deps: { inline: ["next-auth"] } },
};

export default defineConfig({
  test: {
    // Both cores (the default leaves one free): integration files wait on Postgres and child processes a good part of
    // the time.
    maxWorkers: 2,
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
          ...integration,
          name: "integration",
          // Each file makes its own databases, so files run side by side (one per core).
          exclude: ["node_modules/**", ...SERVER_TESTS],
        },
      },
      {
        resolve: { alias },
        test: {
          ...integration,
          name: "integration-servers",
          // Files that start `next start` on fixed ports or restart Postgres: one at a time, after all the others.
          include: SERVER_TESTS,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
