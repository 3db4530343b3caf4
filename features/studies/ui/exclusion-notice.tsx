/** Says on the results page whose verdicts the numbers leave out, and why. */
export function ExclusionNotice({ excluded }: { excluded: { pseudonym: string; reason: string }[] }) {
  return (
    <section
      className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm"
      data-testid="exclusion-notice"
    >
      <p className="font-medium">
        {excluded.length} annotator{excluded.length === 1 ? " is" : "s are"} excluded from these results
        (their verdicts stay stored and are marked in exports):
      </p>
      <ul className="mt-1 list-disc pl-5">
        {excluded.map((x) => (
          <li key={x.pseudonym}>
            <span className="font-mono">{x.pseudonym}</span>: {x.reason}
          </li>
        ))}
      </ul>
    </section>
  );
}
