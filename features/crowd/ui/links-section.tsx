import { createLinkAction, revokeLinkAction } from "../actions";
import { ActionForm } from "@/platform/ui/action-form";
import { getDb } from "@/platform/db";
import { joinUrl, linksOfStudy } from "../links";
import { baseUrl } from "@/platform/http/base-url";

const input = "rounded border border-slate-300 px-2 py-1 text-sm";

/** Crowd links of a study (admins only: the page renders this section for admins, the actions check again). */
export async function LinksSection({ studyId, slug }: { studyId: number; slug: string }) {
  const [links, base] = await Promise.all([linksOfStudy(await getDb(), studyId), baseUrl()]);
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="links-section">
      <h2 className="mb-2 font-semibold">Crowd links</h2>
      <ul className="mb-3 space-y-2 text-sm">
        {links.map((l) => (
          <li key={l.id} className="flex flex-wrap items-center gap-2" data-testid="link-row">
            <code className={l.revokedAt ? "text-slate-400 line-through" : ""}>
              {joinUrl(base, l.token)}?{l.workerParam}=…&amp;{l.studyParam}=…&amp;{l.sessionParam}=…
            </code>
            <span className="text-slate-500">code {l.completionCode}</span>
            {l.revokedAt ? (
              <span className="text-slate-500">revoked</span>
            ) : (
              <ActionForm action={revokeLinkAction} submitLabel="Revoke">
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
        <input name="completionCode" placeholder="completion code (blank: random)" className={input} />
        <input name="redirectUrl" placeholder="redirect URL when done (optional)" className={input} />
        <input name="workerParam" placeholder="PROLIFIC_PID" className={input} />
        <input name="studyParam" placeholder="STUDY_ID" className={input} />
        <input name="sessionParam" placeholder="SESSION_ID" className={input} />
      </ActionForm>
    </section>
  );
}
