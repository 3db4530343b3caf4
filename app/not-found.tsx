import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto mt-12 max-w-md text-center">
      <h1 className="text-xl font-semibold">Not found</h1>
      <Link href="/" className="mt-4 inline-block text-sm underline">
        Back to studies
      </Link>
    </div>
  );
}
