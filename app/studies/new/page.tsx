import { UploadForm } from "@/features/imports/ui/upload-form";
import { requirePageRole } from "@/platform/auth/session";

export default async function NewStudyPage() {
  await requirePageRole("researcher", "/studies/new");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">New study</h1>
      <p className="max-w-prose text-sm">
        The file is checked like the CLI&apos;s <code>import items</code>: on any problem nothing is written
        and every problem is listed by line. The formats are in the README.
      </p>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <UploadForm kind="items" newStudy />
      </section>
    </div>
  );
}
