import { tokensOf } from "@/features/users";
import { createTokenAction, revokeTokenAction } from "@/features/users/actions";
import { requirePageRole } from "@/platform/auth/session";
import { getDb } from "@/platform/db";
import { ActionForm } from "@/platform/ui/action-form";

export default async function SettingsPage() {
  const user = await requirePageRole("researcher", "/settings");
  const tokens = await tokensOf(await getDb(), user.id);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">API tokens</h1>
      <p className="max-w-prose text-sm">
        A personal access token lets a script use the API at <code>/api/v1</code> as you, with your role (see
        the README and{" "}
        <a className="underline" href="/api/v1/openapi.json">
          the OpenAPI document
        </a>
        ). Send it as <code>Authorization: Bearer &lt;token&gt;</code>. It is shown once, when created; revoke
        it when no longer needed.
      </p>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 font-semibold">New token</h2>
        <ActionForm
          action={createTokenAction}
          submitLabel="Create token"
          className="flex flex-wrap items-end gap-2"
          testId="create-token"
        >
          <label className="text-sm">
            Name
            <input
              name="name"
              required
              maxLength={100}
              defaultValue="script"
              className="ml-2 rounded border border-slate-300 px-2 py-1 text-sm"
            />
          </label>
        </ActionForm>
      </section>
      <div className="overflow-x-auto">
        <table
          className="w-full rounded-lg border border-slate-200 bg-white text-sm"
          data-testid="token-table"
        >
          <thead className="bg-slate-100 text-left">
            <tr>
              <th className="px-3 py-2">Name</th>
              <th className="px-3 py-2">Starts with</th>
              <th className="px-3 py-2">Created</th>
              <th className="px-3 py-2">Last used</th>
              <th className="px-3 py-2">Status</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} className="border-t border-slate-100" data-testid="token-row">
                <td className="px-3 py-2">{t.name}</td>
                <td className="px-3 py-2 font-mono">{t.prefix}…</td>
                <td className="px-3 py-2">{t.createdAt.toISOString().slice(0, 16).replace("T", " ")}</td>
                <td className="px-3 py-2">
                  {t.lastUsedAt ? t.lastUsedAt.toISOString().slice(0, 16).replace("T", " ") : "never"}
                </td>
                <td className="px-3 py-2">
                  {t.revokedAt ? (
                    "revoked"
                  ) : (
                    <ActionForm
                      action={revokeTokenAction}
                      submitLabel="Revoke"
                      confirm={`Revoke the token "${t.name}"? Scripts using it stop at once.`}
                    >
                      <input type="hidden" name="tokenId" value={t.id} />
                    </ActionForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
