const REASONS: Record<string, string> = {
  "invalid-link": "This study link is not valid or has been closed.",
  "missing-worker-id": "The link is missing your participant id. Please open it from the study platform.",
  disabled: "This participant account has been disabled.",
  "sign-in": "We could not sign you in. Please try the link again.",
  claimed:
    "This participant id is already taking part from another browser. Please continue in the browser you started in.",
  "other-session": "This participant id is already taking part in another session of the study.",
  "too-many-joins":
    "Too many participants have joined from this network in the last hour. Please try again later.",
};

export default async function JoinErrorPage({
  searchParams,
}: {
  searchParams: Promise<{ reason?: string }>;
}) {
  const { reason } = await searchParams;
  return (
    <div
      className="mx-auto mt-12 max-w-md rounded-lg border border-slate-200 bg-white p-6 text-center"
      data-testid="join-error"
    >
      <h1 className="text-lg font-semibold">Cannot start</h1>
      <p className="mt-2 text-slate-600">{REASONS[reason ?? ""] ?? REASONS["invalid-link"]}</p>
    </div>
  );
}
