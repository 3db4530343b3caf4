import { ActionForm } from "@/platform/ui/action-form";
import { getDb } from "@/platform/db";
import { studyChoices } from "@/features/studies";
import { listUsers } from "@/features/users";
import { requirePageRole } from "@/platform/auth/session";
import {
  createUserAction,
  enrolAction,
  resetPasswordAction,
  setDisabledAction,
  setGroupAction,
  unenrolAction,
} from "@/features/users/actions";

const input = "rounded border border-slate-300 px-2 py-1 text-sm";

export default async function UsersPage() {
  await requirePageRole("admin", "/admin/users");
  const db = await getDb();
  const [users, studies] = await Promise.all([listUsers(db), studyChoices(db)]);
  const slugOf = new Map(studies.map((s) => [s.id, s.slug]));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Users</h1>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 font-semibold">Add a user</h2>
        <ActionForm
          action={createUserAction}
          submitLabel="Create"
          className="flex flex-wrap items-end gap-2"
          testId="create-user"
        >
          <input
            name="email"
            type="email"
            required
            placeholder="email"
            className={input}
            data-testid="new-user-email"
          />
          <select
            name="role"
            defaultValue="annotator"
            className={input}
            aria-label="role"
            data-testid="new-user-role"
          >
            <option value="annotator">annotator</option>
            <option value="researcher">researcher</option>
            <option value="admin">admin</option>
          </select>
          <input name="name" placeholder="name (optional)" className={input} />
          <input name="group" placeholder="group, e.g. authors (optional)" className={input} />
          <input name="password" type="password" placeholder="password (blank: generate)" className={input} />
        </ActionForm>
      </section>
      <table className="w-full rounded-lg border border-slate-200 bg-white text-sm" data-testid="user-table">
        <thead className="bg-slate-100 text-left">
          <tr>
            <th className="px-3 py-2">User</th>
            <th className="px-3 py-2">Role</th>
            <th className="px-3 py-2">Studies</th>
            <th className="px-3 py-2">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className="border-t border-slate-100 align-top" data-testid="user-row">
              <td className="px-3 py-2">
                <div className={u.disabled ? "text-slate-400 line-through" : ""}>
                  {u.email ?? u.externalId}
                </div>
                <div className="text-xs text-slate-500">
                  {u.name}
                  {u.group ? ` · ${u.group}` : ""}
                  {u.hasPassword ? "" : " · no password"}
                </div>
              </td>
              <td className="px-3 py-2">{u.role}</td>
              <td className="px-3 py-2">
                {u.studyIds.map((id) => (
                  <ActionForm
                    key={id}
                    action={unenrolAction}
                    submitLabel="×"
                    className="mb-1 flex items-center gap-1"
                  >
                    <span className="font-mono text-xs">{slugOf.get(id)}</span>
                    <input type="hidden" name="userId" value={u.id} />
                    <input type="hidden" name="studyId" value={id} />
                  </ActionForm>
                ))}
                <ActionForm action={enrolAction} submitLabel="Enrol" className="flex items-center gap-1">
                  <input type="hidden" name="userId" value={u.id} />
                  <select
                    name="studyId"
                    className={input}
                    aria-label={`study to enrol ${u.email ?? u.externalId} in`}
                  >
                    {studies.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.slug}
                      </option>
                    ))}
                  </select>
                </ActionForm>
              </td>
              <td className="space-y-1 px-3 py-2">
                <ActionForm action={setDisabledAction} submitLabel={u.disabled ? "Enable" : "Disable"}>
                  <input type="hidden" name="userId" value={u.id} />
                  <input type="hidden" name="disabled" value={u.disabled ? "false" : "true"} />
                </ActionForm>
                {u.hasPassword ? (
                  <ActionForm action={resetPasswordAction} submitLabel="Reset password">
                    <input type="hidden" name="user" value={u.id} />
                  </ActionForm>
                ) : null}
                <ActionForm
                  action={setGroupAction}
                  submitLabel="Set group"
                  className="flex items-center gap-1"
                >
                  <input type="hidden" name="user" value={u.id} />
                  <input
                    name="group"
                    defaultValue={u.group ?? ""}
                    aria-label={`group of ${u.email ?? u.externalId}`}
                    placeholder="group"
                    className={`${input} w-24`}
                  />
                </ActionForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
