// Feature vectors the calibrators read: one per retrieval route. Kept in one place so that
// build-time calibration and live traffic compute exactly the same numbers.
import type { ClassifierOutput } from '../retrieve/classifier.ts';
import type { PassageEvidence } from '../retrieve/passages.ts';

/** Classifier features by name: the calibrator's parts pick theirs by index. */
export const CLASSIFIER_FEATURES = [
  'p1',
  'p2',
  'logRatio',
  'knownShare',
  'centroidSim',
  'nearestSim',
  'length',
  'entropy',
  'logOneMinusP1',
  'encoderSim',
] as const;
export const classifierFeatureIndex = (names: (typeof CLASSIFIER_FEATURES)[number][]) => names.map((n) => CLASSIFIER_FEATURES.indexOf(n));

/**
 * `encoderSim`: the best cosine, in the sentence encoder's space, between the message and one of
 * the top article's examples (`encoder/nearest.ts`); 0 where the knowledge is not encoded (its
 * calibrator then does not read it).
 */
export function classifierFeatures(out: ClassifierOutput, tokenCount: number, encoderSim = 0): number[] {
  const p1 = out.top[0]?.prob ?? 0;
  const p2 = out.top[1]?.prob ?? 0;
  let entropy = 0;
  for (const t of out.top) if (t.prob > 0) entropy -= t.prob * Math.log(t.prob);
  return [
    p1,
    p2,
    Math.log((p1 + 1e-6) / (p2 + 1e-6)),
    out.knownShare,
    out.centroidSim,
    out.nearestSim,
    Math.min(tokenCount, 20) / 20,
    entropy,
    Math.log(1 - p1 + 1e-6),
    encoderSim,
  ];
}

export function passageFeatures(ev: PassageEvidence, hasContext: boolean): number[] {
  // Runner-up ratio and message length are left out on purpose: sibling passages of one page
  // make the first meaningless, and synthetic calibration questions distort the second.
  return [
    Math.min(ev.relScore, 1.2),
    ev.coverage,
    Math.min(ev.missingIdf, 8) / 8,
    ev.answerType === 'none' ? 1 : ev.answerTypeFound ? 1 : 0,
    hasContext ? 1 : 0,
    Math.min(ev.matchedMass, MATCHED_MASS_CAP),
  ];
}

/**
 * The match score and coverage are shares (of the question's own ideal match, of its terms), so
 * a question matching one word the whole knowledge shares ("zlib" in the zlib FAQ, "is there an
 * official python binding for zlib?") looks like a perfect match. The matched mass counts the
 * evidence itself: a right answer usually holds several specific words of the question. Capped
 * where a question's words are all found anyway (three maximally specific words' worth).
 */
const MATCHED_MASS_CAP = 3;

/**
 * The direction each passage feature may push the confidence, fixed in advance: a better
 * match, more of the question found and an answer of the asked kind can only make an answer
 * likelier, and so can more specific evidence matched; a rarer unmatched word only less likely;
 * context is free. Pseudo-questions make
 * the features collinear (coverage and the rarest missing word move together), and an
 * unconstrained fit learned that a missing rare word *raises* confidence: an artefact that
 * real questions, with words the knowledge never uses, would turn into confident answers.
 */
export const PASSAGE_FEATURE_SIGNS = [1, 1, -1, 1, 0, 1];
