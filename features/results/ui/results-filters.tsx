import type { ResultFilters } from "@/features/results/schemas";

const select = "rounded border border-slate-300 px-2 py-1 text-sm";

/** The results page's filters (a GET form, so a filtered view is a link) and the half-width plans are drawn for. */
export function ResultsFilters({
  filters,
  options,
  plan,
  planError,
  invalidFilters,
}: {
  filters: ResultFilters;
  options: { groups: string[]; categories: string[]; sources: string[] };
  plan?: number;
  planError?: string;
  invalidFilters: boolean;
}) {
  return (
    <form
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm"
      data-testid="filters"
    >
      <FilterSelect label="Annotator group" name="group" value={filters.group} options={options.groups} />
      <FilterSelect label="Category" name="category" value={filters.category} options={options.categories} />
      <FilterSelect label="Source" name="source" value={filters.source} options={options.sources} />
      <label>
        From <input type="date" name="from" defaultValue={filters.from ?? ""} className={select} />
      </label>
      <label>
        To <input type="date" name="to" defaultValue={filters.to ?? ""} className={select} />
      </label>
      <label>
        Plan for ±
        <input
          type="number"
          name="plan"
          min="0.005"
          max="0.5"
          step="0.005"
          placeholder="0.05"
          defaultValue={plan ?? ""}
          className={`${select} ml-1 w-24`}
        />
      </label>
      <button className="rounded bg-slate-900 px-3 py-1 text-white">Apply</button>
      {planError ? <span className="text-red-700">Plan half-width: {planError}; 0.05 used.</span> : null}
      {invalidFilters ? (
        <span className="text-red-700">Some filters were invalid and are ignored.</span>
      ) : null}
    </form>
  );
}

function FilterSelect({
  label,
  name,
  value,
  options,
}: {
  label: string;
  name: string;
  value?: string;
  options: string[];
}) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={value ?? ""} className={`${select} ml-1`}>
        <option value="">all</option>
        {options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    </label>
  );
}
