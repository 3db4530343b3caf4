/** Credentials of the admin that scripts/e2e.ts creates through ADMIN_EMAIL / ADMIN_PASSWORD. */
export const admin = {
  email: process.env.ADMIN_EMAIL ?? "e2e-admin@verdict.local",
  password: process.env.ADMIN_PASSWORD ?? "e2e-admin-password",
};
export const adminState = "e2e/.auth/admin.json";
