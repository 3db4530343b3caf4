// Runs once when a server process starts: secret, migrations, demo study and first admin before any request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("@/features/setup/startup");
  await startServer();
}
