import type { AnnotatorRow } from "./queries";
import { binomialTwoSided } from "./stats/binomial";
import { clusteredPosition, holm, type ClusteredPosition } from "./stats/position";

export type AnnotatorResult = {
  annotator: string;
  judgments: number;
  medianMs: number | null;
  tieRate: number;
  agreementWithMajority: number | null;
  leftRate: number | null;
  leftP: number | null;
  /** leftP adjusted by Holm over every annotator tested (one test each, so some are small by chance). */
  leftPHolm: number | null;
};

export type HumanPosition = {
  left: number;
  decided: number;
  rate: number | null;
  /** Exact binomial test, every verdict taken as independent. */
  p: number | null;
  /** Annotators as clusters: the test that holds when annotators differ. */
  clustered: ClusteredPosition;
};

/** Per-annotator figures with Holm-adjusted position tests, and the study's position bias two ways. */
export function annotatorResults(rows: AnnotatorRow[]): {
  annotators: AnnotatorResult[];
  position: HumanPosition;
} {
  const leftPs = rows.map((a) => (a.decided ? binomialTwoSided(a.left_wins, a.decided) : null));
  const adjusted = holm(leftPs);
  const left = rows.reduce((s, a) => s + a.left_wins, 0);
  const decided = rows.reduce((s, a) => s + a.decided, 0);
  return {
    annotators: rows.map((a, i) => ({
      annotator: a.annotator,
      judgments: a.judgments,
      medianMs: a.median_ms === null ? null : Number(a.median_ms),
      tieRate: a.ties / a.judgments,
      agreementWithMajority: a.with_majority ? a.agree_majority / a.with_majority : null,
      leftRate: a.decided ? a.left_wins / a.decided : null,
      leftP: leftPs[i],
      leftPHolm: adjusted[i],
    })),
    position: {
      left,
      decided,
      rate: decided ? left / decided : null,
      p: decided ? binomialTwoSided(left, decided) : null,
      clustered: clusteredPosition(rows.map((a) => ({ left: a.left_wins, decided: a.decided }))),
    },
  };
}
