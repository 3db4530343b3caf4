import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The container image (Dockerfile) builds with NEXT_OUTPUT=standalone; `npm start` uses the regular build.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  // Native or WASM packages must be loaded by Node, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pg", "pino"],
  poweredByHeader: false,
  // The labelling API is a set of Pages API routes (platform/http/node-route.ts). Bundled, as the App Router's
  // code is, their imports resolve `server-only` to its server build; loaded from node_modules, it throws.
  bundlePagesRouterDependencies: true,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "no-referrer" },
          {
            key: "Permissions-Policy",
            value: "camera=(), microphone=(), geolocation=(), interest-cohort=()",
          },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
  // forbidden() gives a real 403 for signed-in users without the role.
  experimental: { authInterrupts: true },
};

export default nextConfig;
