/** The figures' review state and the submit / accept / return actions on the form (issue 8). */
export interface FiguresReviewBarProps {
  unitId: string;
  periodKey: string;
  /** Called after a state change so that the form reloads (its lock depends on the state). */
  onChanged?: () => void;
}

/** Placeholder while issue 8 is built; replaced by its owner. */
export function FiguresReviewBar(_props: FiguresReviewBarProps) {
  return null;
}
