/**
 * Agreement statistics computed from per-item category counts (items = comparisons; categories in ordinal
 * order, for verdicts [baseline wins, tie, reference wins]). Items with fewer than two ratings are left out.
 */
export type ItemCounts = number[];

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const pairs = (m: number) => (m * (m - 1)) / 2;

/**
 * Pairwise agreement among the raters of each item, averaged over the item's pairs, then over items.
 * `tieDiscounted` is LIMA's measure: 1 when both give the same verdict, 0.5 when exactly one says tie, else 0.
 * `tieIndex` names the tie category.
 */
export function pairwiseAgreement(items: ItemCounts[], tieIndex = 1) {
  let tieDiscounted = 0;
  let exact = 0;
  let used = 0;
  for (const c of items) {
    const m = sum(c);
    if (m < 2) continue;
    const same = sum(c.map(pairs));
    const nonTie = m - c[tieIndex];
    const oneTie = c[tieIndex] * nonTie;
    tieDiscounted += (same + 0.5 * oneTie) / pairs(m);
    exact += same / pairs(m);
    used++;
  }
  return {
    comparisons: used,
    tieDiscounted: used ? tieDiscounted / used : null,
    exact: used ? exact / used : null,
  };
}

/** Agreement between two groups of raters (humans and LLM judges) on the same items: all cross pairs. */
export function crossAgreement(items: { a: ItemCounts; b: ItemCounts }[], tieIndex = 1) {
  let tieDiscounted = 0;
  let exact = 0;
  let used = 0;
  for (const { a, b } of items) {
    const na = sum(a);
    const nb = sum(b);
    if (na === 0 || nb === 0) continue;
    const same = sum(a.map((x, i) => x * b[i]));
    const oneTie = a[tieIndex] * (nb - b[tieIndex]) + b[tieIndex] * (na - a[tieIndex]);
    tieDiscounted += (same + 0.5 * oneTie) / (na * nb);
    exact += same / (na * nb);
    used++;
  }
  return {
    comparisons: used,
    tieDiscounted: used ? tieDiscounted / used : null,
    exact: used ? exact / used : null,
  };
}

/**
 * Fleiss' kappa, in the form that allows a varying number of raters per item:
 * P_i = (sum_j n_ij^2 - n_i) / (n_i (n_i - 1)), p_j = sum_i n_ij / sum_i n_i, kappa = (mean P_i - sum p_j^2) / (1 - sum p_j^2).
 */
export function fleissKappa(items: ItemCounts[]): number | null {
  const rated = items.filter((c) => sum(c) >= 2);
  if (rated.length === 0) return null;
  const k = rated[0].length;
  const totals = new Array(k).fill(0);
  let total = 0;
  let pBar = 0;
  for (const c of rated) {
    const n = sum(c);
    pBar += (sum(c.map((x) => x * x)) - n) / (n * (n - 1));
    c.forEach((x, j) => (totals[j] += x));
    total += n;
  }
  pBar /= rated.length;
  const pe = sum(totals.map((t) => (t / total) ** 2));
  return pe === 1 ? null : (pBar - pe) / (1 - pe);
}

export type AlphaMetric = "nominal" | "ordinal" | "interval";

/**
 * Krippendorff's alpha from per-unit counts over ordered categories (values 0..k-1; for "interval" the values
 * are the category indices). Coincidences o_ck = sum_u n_uc n_uk / (m_u - 1) (n_uc(n_uc - 1) on the diagonal);
 * alpha = 1 - (n - 1) sum o_ck d_ck / sum n_c n_k d_ck.
 */
export function krippendorffAlpha(units: ItemCounts[], metric: AlphaMetric): number | null {
  const pairable = units.filter((c) => sum(c) >= 2);
  if (pairable.length === 0) return null;
  const k = pairable[0].length;
  const o = Array.from({ length: k }, () => new Array(k).fill(0));
  for (const c of pairable) addCoincidences(o, c, 1);
  return alphaFromCoincidences(o, metric);
}

/** Adds `weight` times one unit's coincidences (a unit with fewer than two values adds nothing). */
export function addCoincidences(o: number[][], c: ItemCounts, weight: number) {
  const m = sum(c);
  if (m < 2) return;
  const k = c.length;
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++) o[a][b] += (weight * (a === b ? c[a] * (c[a] - 1) : c[a] * c[b])) / (m - 1);
}

/** Krippendorff's alpha from a coincidence matrix. */
export function alphaFromCoincidences(o: number[][], metric: AlphaMetric): number | null {
  const k = o.length;
  const nc = o.map((row) => sum(row));
  const n = sum(nc);
  if (n === 0) return null;
  const delta = (a: number, b: number): number => {
    if (a === b) return 0;
    if (metric === "nominal") return 1;
    if (metric === "interval") return (a - b) ** 2;
    const [lo, hi] = a < b ? [a, b] : [b, a];
    let between = 0;
    for (let g = lo; g <= hi; g++) between += nc[g];
    return (between - (nc[a] + nc[b]) / 2) ** 2;
  };
  let observed = 0;
  let expected = 0;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const d = delta(a, b);
      observed += o[a][b] * d;
      expected += nc[a] * nc[b] * d;
    }
  }
  return expected === 0 ? null : 1 - ((n - 1) * observed) / expected;
}

/** Cohen's kappa from a k x k contingency table of two raters' verdicts on the same items. */
export function cohenKappa(table: number[][]): number | null {
  const n = sum(table.map(sum));
  if (n === 0) return null;
  const k = table.length;
  const po = sum(table.map((row, i) => row[i])) / n;
  let pe = 0;
  for (let i = 0; i < k; i++) pe += (sum(table[i]) / n) * (sum(table.map((row) => row[i])) / n);
  return pe === 1 ? null : (po - pe) / (1 - pe);
}

/** The category with the most votes, or null when there are none or the top is shared. */
export function uniqueMajority(c: ItemCounts): number | null {
  const top = Math.max(...c);
  if (top <= 0) return null;
  return c.filter((x) => x === top).length === 1 ? c.indexOf(top) : null;
}

/**
 * Human–judge agreement beyond chance, from human–judge pairs only (pooling the human–human pairs in would let
 * humans who agree among themselves lift the figure whatever the judge says):
 * - Cohen's kappa between the judge's verdict and the human majority, over comparisons where both are unique;
 * - Krippendorff's alpha with the judge as one coder against each human: every (human verdict, judge verdict)
 *   pair is a unit of two values, so only cross pairs are observed.
 * `items[i].a` are the humans' counts on a comparison, `.b` the judge's (same category order).
 */
export function humanJudgeBeyondChance(
  items: { a: ItemCounts; b: ItemCounts }[],
  metric: AlphaMetric = "ordinal",
): { cohenKappa: number | null; krippendorffAlpha: number | null; majorityComparisons: number } {
  const k = items[0]?.a.length ?? 3;
  const table = Array.from({ length: k }, () => new Array(k).fill(0));
  let majorityComparisons = 0;
  const pairUnits: ItemCounts[] = [];
  for (const { a, b } of items) {
    const human = uniqueMajority(a);
    const judge = uniqueMajority(b);
    if (human !== null && judge !== null) {
      table[human][judge]++;
      majorityComparisons++;
    }
    for (let h = 0; h < k; h++)
      for (let j = 0; j < k; j++) {
        const n = a[h] * b[j];
        if (n === 0) continue;
        const unit = new Array(k).fill(0);
        unit[h]++;
        unit[j]++;
        for (let i = 0; i < n; i++) pairUnits.push(unit);
      }
  }
  return {
    cohenKappa: majorityComparisons ? cohenKappa(table) : null,
    krippendorffAlpha: krippendorffAlpha(pairUnits, metric),
    majorityComparisons,
  };
}
