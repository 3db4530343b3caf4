import fs from "node:fs";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The house's import rule: app/ (and pages/, the labelling API), cli/, bench/ and scripts/ -> features/ ->
// platform/ and db/ (schema), never back; a feature reaches another only through that feature's index.ts.
// Production code never imports tests.
const TOP = ["app", "pages", "cli", "bench", "scripts"];
const TESTS = ["test-utils", "tests", "e2e"];
const FEATURES = fs
  .readdirSync(new URL("./features", import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

const zones = [
  {
    target: "./platform",
    from: ["./features", ...TOP.map((t) => `./${t}`)],
    message: "platform/ must not import features or the app (imports go app -> features -> platform).",
  },
  {
    target: "./db",
    from: ["./platform", "./features", ...TOP.map((t) => `./${t}`)],
    message: "db/ (schema) imports nothing of the app.",
  },
  {
    target: "./features",
    from: TOP.map((t) => `./${t}`),
    message: "features must not import app/, cli/, bench/ or scripts/.",
  },
  ...FEATURES.flatMap((f) =>
    FEATURES.filter((g) => g !== f).map((g) => ({
      target: `./features/${f}`,
      from: `./features/${g}`,
      except: ["./index.ts"],
      message: `features/${f} may use features/${g} only through features/${g}/index.ts.`,
    })),
  ),
  {
    target: [
      "./app",
      "./pages",
      "./features",
      "./platform",
      "./db",
      "./cli",
      "./instrumentation.ts",
      "./proxy.ts",
    ],
    from: TESTS.map((t) => `./${t}`),
    message: "production code must not import test code.",
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data/**",
      "next-env.d.ts",
      "db/migrations/**",
      "test-results/**",
      "playwright-report/**",
      "reports/**",
      "tests/fixtures/lint/**",
    ],
  },
  {
    // Tests (beside the code, and test-utils/, tests/, e2e/) may reach into any layer; production code may not.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["**/*.test.ts", ...TESTS.map((t) => `${t}/**`)],
    settings: { "import/ignore": ["node_modules"] },
    rules: {
      "import/no-restricted-paths": ["error", { zones }],
      "import/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    // One env module: the rest of the code asks platform/env.ts.
    files: ["app/**", "pages/**", "features/**", "platform/**", "cli/**", "proxy.ts"],
    ignores: ["platform/env.ts", "**/*.test.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read the environment through platform/env.ts." },
      ],
    },
  },
];

export default config;
