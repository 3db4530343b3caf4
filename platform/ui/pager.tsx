import Link from "next/link";

/** Previous / next links for a paged list whose filters live in the query string (`params`, kept on each link). */
export function Pager({
  base,
  params,
  page,
  pages,
}: {
  base: string;
  params: Record<string, string | number | undefined>;
  page: number;
  pages: number;
}) {
  const href = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...params, page: p }))
      if (v !== undefined && String(v) !== "") q.set(k, String(v));
    return `${base}?${q}`;
  };
  return (
    <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
      {page > 1 ? <Link href={href(page - 1)}>← Previous</Link> : null}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? <Link href={href(page + 1)}>Next →</Link> : null}
    </nav>
  );
}
