/**
 * One calibration example: the features of a turn's top candidate and whether it was right.
 * `share`: the row's part of its kind's weight, relative to the others (default 1).
 * `elsewhere`: an unanswerable row of a question only another route's articles answer.
 */
export type Row = { x: number[]; correct: boolean; weight: number; share?: number; elsewhere?: boolean };
