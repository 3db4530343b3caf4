import { createLinkAction, revokeLinkAction } from "../actions";
import { ActionForm } from "@/platform/ui/action-form";
import { getDb } from "@/platform/db";
import { linksOfStudy, prolificUrl } from "../links";
import { CopyButton } from "@/platform/ui/copy-button";
import { baseUrl } from "@/platform/http/base-url";

const input = "rounded border border-slate-300 px-2 py-1 text-sm";

/** Crowd links of a study (admins only: the page renders this section for admins, the actions check again). */
export async function LinksSection({ studyId, slug }: { studyId: number; slug: string }) {
  const [links, base] = await Promise.all([linksOfStudy(await getDb(), studyId), baseUrl()]);
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="links-section">
      <h2 className="mb-2 font-semibold">Crowd links</h2>
      <p className="mb-2 text-sm text-slate-600">
        Paste a link&apos;s URL into Prolific as the study URL: Prolific fills in the placeholders.{" "}
        <a className="underline" href={`/api/studies/${slug}/workers`} data-testid="worker-list">
          Download the workers
        </a>{" "}
        (worker id, verdicts, finished, excluded) to approve or reject them there.
      </p>
      <ul className="mb-3 space-y-2 text-sm">
        {links.map((l) => (
          <li key={l.id} className="flex flex-wrap items-center gap-2" data-testid="link-row">
            <code
              className={`break-all ${l.revokedAt ? "text-slate-500 line-through" : ""}`}
              data-testid="link-url"
            >
              {prolificUrl(base, l)}
            </code>
            {l.revokedAt ? null : <CopyButton text={prolificUrl(base, l)} label="Copy URL" />}
            <span className="text-slate-600">completion code {l.completionCode}</span>
            {l.revokedAt ? (
              <span className="text-slate-600">revoked</span>
            ) : (
              <ActionForm
                action={revokeLinkAction}
                submitLabel="Revoke"
                confirm="Revoke this link? Workers who joined through it are signed out."
              >
                <input type="hidden" name="linkId" value={l.id} />
              </ActionForm>
            )}
          </li>
        ))}
      </ul>
      <ActionForm
        action={createLinkAction}
        submitLabel="Create link"
        className="flex flex-wrap items-end gap-2"
        testId="create-link"
      >
        <input type="hidden" name="slug" value={slug} />
        <label className="text-sm">
          Completion code (blank: random)
          <input name="completionCode" className={`${input} block`} />
        </label>
        <label className="text-sm">
          Redirect URL when done (optional)
          <input name="redirectUrl" type="url" className={`${input} block`} />
        </label>
        <label className="text-sm">
          Worker id parameter
          <input name="workerParam" placeholder="PROLIFIC_PID" className={`${input} block`} />
        </label>
        <label className="text-sm">
          Study id parameter
          <input name="studyParam" placeholder="STUDY_ID" className={`${input} block`} />
        </label>
        <label className="text-sm">
          Session id parameter
          <input name="sessionParam" placeholder="SESSION_ID" className={`${input} block`} />
        </label>
      </ActionForm>
    </section>
  );
}
