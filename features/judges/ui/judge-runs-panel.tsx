import type { RunProgress } from "@/features/judges/runs";
import { TEMPLATE_NAMES } from "@/features/judges/templates";
import { ActionForm } from "@/platform/ui/action-form";
import { cancelJudgeRunAction, startJudgeRunAction } from "../actions";
import { AutoRefresh } from "@/platform/ui/auto-refresh";

const input = "mt-1 block w-full rounded border border-slate-300 px-2 py-1 text-sm";

/** The study page's judges: start a run (queued for a server with an API key), watch it, cancel it. */
export function JudgeRunsPanel({
  slug,
  runs,
  keyConfigured,
}: {
  slug: string;
  runs: (RunProgress & { model: string })[];
  keyConfigured: boolean;
}) {
  const active = runs.some((r) => r.status === "queued" || r.status === "running");
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="judges">
      <h2 className="font-semibold">LLM judges</h2>
      <AutoRefresh seconds={3} active={active} />
      {runs.length ? (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="judge-runs">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th className="px-3 py-2">Run</th>
                <th className="px-3 py-2">Judge (model)</th>
                <th className="px-3 py-2">Status</th>
                <th className="px-3 py-2">Answered / failed / pending</th>
                <th className="px-3 py-2">Tokens in / out (cost)</th>
                <th className="px-3 py-2" />
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id} className="border-t border-slate-100 align-top" data-testid="judge-run">
                  <td className="px-3 py-2 tabular-nums">{r.id}</td>
                  <td className="px-3 py-2 font-mono">
                    {r.judge} ({r.model})
                  </td>
                  <td className="px-3 py-2">{r.status}</td>
                  <td className="px-3 py-2 tabular-nums">
                    {r.done} / {r.failed} / {r.pending}
                    {r.failures.length ? (
                      <details className="text-xs">
                        <summary className="cursor-pointer">failures</summary>
                        <ul>
                          {r.failures.map((f, i) => (
                            <li key={i}>
                              comparison {f.comparison}
                              {f.side ? ` (${f.side})` : ""}: {f.error}
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </td>
                  <td className="px-3 py-2 tabular-nums">
                    {r.promptTokens.toLocaleString("en")} / {r.completionTokens.toLocaleString("en")}
                    {r.costUsd === null ? "" : ` ($${r.costUsd.toFixed(4)})`}
                  </td>
                  <td className="px-3 py-2">
                    {r.status === "queued" || r.status === "running" ? (
                      <ActionForm
                        action={cancelJudgeRunAction}
                        submitLabel="Cancel"
                        testId={`cancel-run-${r.id}`}
                      >
                        <input type="hidden" name="runId" value={r.id} />
                        <input type="hidden" name="study" value={slug} />
                      </ActionForm>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="text-sm text-slate-600">No judge has been run on this study.</p>
      )}
      {keyConfigured ? (
        <ActionForm
          action={startJudgeRunAction}
          submitLabel="Start judge run"
          testId="start-judge"
          className="grid gap-2 sm:grid-cols-3"
        >
          <input type="hidden" name="study" value={slug} />
          <label className="text-sm">
            Judge name
            <input name="judge" required className={input} placeholder="gpt-4o-mt-bench" />
          </label>
          <label className="text-sm">
            Endpoint (OpenAI-compatible)
            <input name="baseUrl" required className={input} placeholder="https://api.openai.com/v1" />
          </label>
          <label className="text-sm">
            Model
            <input name="model" required className={input} placeholder="gpt-4o" />
          </label>
          <label className="text-sm">
            Template
            <select name="template" className={input} defaultValue="mt-bench-pair">
              {TEMPLATE_NAMES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            Orders
            <select name="orders" className={input} defaultValue="both">
              <option value="both">both (position-consistent)</option>
              <option value="one">one</option>
            </select>
          </label>
          <label className="text-sm">
            Only the first N comparisons
            <input name="limit" type="number" min="1" className={input} />
          </label>
        </ActionForm>
      ) : (
        <p className="text-sm text-slate-600">
          To run judges from here, start the server with <code>VERDICT_JUDGE_API_KEY</code> in its
          environment; or use <code>npm run cli -- judge run</code>.
        </p>
      )}
    </section>
  );
}
