import { Pager } from "@/platform/ui/pager";
import { studyChoices } from "@/features/studies";
import { listUsers, userSearchSchema } from "@/features/users";
import { createUserAction } from "@/features/users/actions";
import { UserFilters } from "@/features/users/ui/user-filters";
import { UsersTable } from "@/features/users/ui/users-table";
import { requirePageRole } from "@/platform/auth/session";
import { getDb } from "@/platform/db";
import { ActionForm } from "@/platform/ui/action-form";

const input = "block rounded border border-slate-300 bg-white px-2 py-1 text-sm";

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageRole("admin", "/admin/users");
  const db = await getDb();
  const search = userSearchSchema.parse(await searchParams);
  const [found, studies] = await Promise.all([listUsers(db, search), studyChoices(db)]);
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
          <label className="text-sm">
            Email
            <input name="email" type="email" required className={input} data-testid="new-user-email" />
          </label>
          <label className="text-sm">
            Role
            <select name="role" defaultValue="annotator" className={input} data-testid="new-user-role">
              <option value="annotator">annotator</option>
              <option value="researcher">researcher</option>
              <option value="admin">admin</option>
            </select>
          </label>
          <label className="text-sm">
            Name (optional)
            <input name="name" className={input} />
          </label>
          <label className="text-sm">
            Group (optional)
            <input name="group" placeholder="e.g. authors" className={input} />
          </label>
          <label className="text-sm">
            Password (blank: generate)
            <input name="password" type="password" autoComplete="new-password" className={input} />
          </label>
        </ActionForm>
      </section>
      <UserFilters search={search} studies={studies} />
      <p className="text-sm text-slate-600" data-testid="user-total">
        {found.total} users
      </p>
      <UsersTable users={found.rows} studies={studies} />
      <Pager base="/admin/users" params={search} page={search.page} pages={found.pages} />
    </div>
  );
}
