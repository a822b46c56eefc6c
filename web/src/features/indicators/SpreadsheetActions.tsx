/** Export the unit's form as an .xlsx template and import it back (issue 8). */
export interface SpreadsheetActionsProps {
  unitId: string;
  periodKey: string;
  /** Called after an import saved cells so that the form reloads. */
  onImported?: () => void;
}

/** Placeholder while issue 8 is built; replaced by its owner. */
export function SpreadsheetActions(_props: SpreadsheetActionsProps) {
  return null;
}
