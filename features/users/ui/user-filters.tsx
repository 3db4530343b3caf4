import type { UserSearch } from "@/features/users/queries";

const input = "block rounded border border-slate-300 bg-white px-2 py-1 text-sm";

/** The users page's filters: a GET form, so every view is a link. */
export function UserFilters({
  search,
  studies,
}: {
  search: UserSearch;
  studies: { id: number; slug: string }[];
}) {
  return (
    <form role="search" className="flex flex-wrap items-end gap-2" data-testid="user-filters">
      <label className="text-sm">
        Search (email, worker id, pseudonym, name)
        <input name="q" defaultValue={search.q ?? ""} className={input} />
      </label>
      <label className="text-sm">
        Role
        <select name="role" defaultValue={search.role ?? ""} className={input}>
          <option value="">any</option>
          <option value="annotator">annotator</option>
          <option value="researcher">researcher</option>
          <option value="admin">admin</option>
        </select>
      </label>
      <label className="text-sm">
        Kind
        <select name="kind" defaultValue={search.kind ?? ""} className={input}>
          <option value="">any</option>
          <option value="password">password</option>
          <option value="crowd">crowd worker</option>
          <option value="imported">imported rater</option>
        </select>
      </label>
      <label className="text-sm">
        Group
        <input name="group" defaultValue={search.group ?? ""} className={`${input} w-28`} />
      </label>
      <label className="text-sm">
        Study
        <select name="study" defaultValue={search.study ?? ""} className={input}>
          <option value="">any</option>
          {studies.map((s) => (
            <option key={s.id} value={s.id}>
              {s.slug}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white">
        Filter
      </button>
    </form>
  );
}
