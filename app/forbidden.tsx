import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto mt-12 max-w-md text-center" data-testid="forbidden">
      <h1 className="text-xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-slate-600">Your account does not have access to this page.</p>
      <Link href="/" className="mt-4 inline-block text-sm underline">
        Back to studies
      </Link>
    </div>
  );
}
