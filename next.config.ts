import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native or WASM packages must be loaded by Node, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pg"],
  poweredByHeader: false,
  // forbidden() gives a real 403 for signed-in users without the role.
  experimental: { authInterrupts: true },
};

export default nextConfig;
