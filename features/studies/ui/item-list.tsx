import Link from "next/link";
import { Pager } from "@/platform/ui/pager";
import type { ItemRow, ItemSearch } from "@/features/studies/items";

const input = "rounded border border-slate-300 bg-white px-2 py-1 text-sm";

/** The item browser: a search form (a GET form: every filter is a shareable URL) and one page of items. */
export function ItemList({
  slug,
  search,
  rows,
  total,
  pages,
}: {
  slug: string;
  search: ItemSearch;
  rows: ItemRow[];
  total: number;
  pages: number;
}) {
  return (
    <div className="space-y-4">
      <form className="flex flex-wrap items-end gap-2" role="search" data-testid="item-search">
        <label className="text-sm">
          Search prompts
          <input name="q" defaultValue={search.q ?? ""} className={`${input} block`} />
        </label>
        <label className="text-sm">
          Model
          <input name="model" defaultValue={search.model ?? ""} className={`${input} block`} />
        </label>
        <label className="text-sm">
          With a human verdict
          <select name="verdict" defaultValue={search.verdict ?? ""} className={`${input} block`}>
            <option value="">any</option>
            <option value="reference">for the first model</option>
            <option value="tie">neither</option>
            <option value="baseline">for the second model</option>
          </select>
        </label>
        <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white">
          Search
        </button>
      </form>
      <p className="text-sm text-slate-600" data-testid="item-total">
        {total} items
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="item-table">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th className="px-3 py-2">Prompt</th>
              <th className="px-3 py-2">Models</th>
              <th className="px-3 py-2 text-right">Human</th>
              <th className="px-3 py-2 text-right">Judge</th>
              <th className="px-3 py-2 text-right">Flags</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100 align-top" data-testid="item-row">
                <td className="px-3 py-2">
                  <Link href={`/studies/${slug}/items/${r.id}`} className="font-mono underline">
                    {r.prompt_id}
                  </Link>
                  {r.excluded ? <span className="ml-1 text-xs text-red-700">held out</span> : null}
                  {r.check_kind ? (
                    <span className="ml-1 text-xs text-amber-800">{r.check_kind} check</span>
                  ) : null}
                  <span className="block break-words text-slate-700">{r.prompt}</span>
                </td>
                <td className="px-3 py-2 font-mono text-xs">
                  {r.first_model === r.second_model ? r.first_model : `${r.first_model} vs ${r.second_model}`}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{r.human}</td>
                <td className="px-3 py-2 text-right tabular-nums">{r.judge}</td>
                <td className="px-3 py-2 text-right tabular-nums">{r.flags}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager base={`/studies/${slug}/items`} params={search} page={search.page} pages={pages} />
    </div>
  );
}
