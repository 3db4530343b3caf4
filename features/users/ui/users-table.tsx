import {
  enrolAction,
  resetPasswordAction,
  setDisabledAction,
  setGroupAction,
  unenrolAction,
} from "@/features/users/actions";
import type { listUsers } from "@/features/users/queries";
import { ActionForm } from "@/platform/ui/action-form";

type UserRow = Awaited<ReturnType<typeof listUsers>>["rows"][number];
const input = "rounded border border-slate-300 bg-white px-2 py-1 text-sm";

/** One page of users for admins: identity beside pseudonym, enrolments, and every change confirmed before it is sent. */
export function UsersTable({
  users,
  studies,
}: {
  users: UserRow[];
  studies: { id: number; slug: string }[];
}) {
  const slugOf = new Map(studies.map((s) => [s.id, s.slug]));
  return (
    <div className="overflow-x-auto">
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
          {users.map((u) => {
            const who = u.email ?? u.externalId ?? u.pseudonym;
            return (
              <tr key={u.id} className="border-t border-slate-100 align-top" data-testid="user-row">
                <td className="px-3 py-2">
                  <div className={`break-all ${u.disabled ? "text-slate-500 line-through" : ""}`}>{who}</div>
                  <div className="text-xs text-slate-600">
                    <span className="font-mono" data-testid="user-pseudonym">
                      {u.pseudonym}
                    </span>
                    {u.name ? ` · ${u.name}` : ""}
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
                      confirm={`Remove ${who} from ${slugOf.get(id)}? Their verdicts stay.`}
                      className="mb-1 flex items-center gap-1"
                    >
                      <span className="font-mono text-xs">{slugOf.get(id)}</span>
                      <input type="hidden" name="userId" value={u.id} />
                      <input type="hidden" name="studyId" value={id} />
                    </ActionForm>
                  ))}
                  <ActionForm action={enrolAction} submitLabel="Enrol" className="flex items-center gap-1">
                    <input type="hidden" name="userId" value={u.id} />
                    <select name="studyId" className={input} aria-label={`study to enrol ${who} in`}>
                      {studies.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.slug}
                        </option>
                      ))}
                    </select>
                  </ActionForm>
                </td>
                <td className="space-y-1 px-3 py-2">
                  <ActionForm
                    action={setDisabledAction}
                    submitLabel={u.disabled ? "Enable" : "Disable"}
                    confirm={u.disabled ? undefined : `Disable ${who}? Their sessions end at once.`}
                  >
                    <input type="hidden" name="userId" value={u.id} />
                    <input type="hidden" name="disabled" value={u.disabled ? "false" : "true"} />
                  </ActionForm>
                  {u.hasPassword ? (
                    <ActionForm
                      action={resetPasswordAction}
                      submitLabel="Reset password"
                      confirm={`Give ${who} a new password? The old one stops working.`}
                    >
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
                      aria-label={`group of ${who}`}
                      placeholder="group"
                      className={`${input} w-24`}
                    />
                  </ActionForm>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
