"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="mx-auto mt-12 max-w-md text-center" data-testid="error-page">
      <h1 className="text-xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-600">The service may be briefly unavailable. Your saved work is safe.</p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded bg-slate-900 px-3 py-1.5 text-sm text-white"
      >
        Try again
      </button>
    </div>
  );
}
