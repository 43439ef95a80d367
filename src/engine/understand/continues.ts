// Does a short message continue the previous question's intent, or is it a request of its own?
// A fragment or a pointer ("to canada?", "make it saturday", "cancel it") may be read with the
// previous question's words; joined, those words outweigh the message's own, so the joined reading
// is nearly always the previous intent. That is right for a continuation and wrong for a request
// whose words name something else ("speak arabic" after a question on tyres came back as
// tire_change; "cancel it" after "pay a bill!" as pay_bill). The classifier itself tells them
// apart: its reading of the message alone says how much the message's own words favour their best
// article over the one the joined reading found. A continuation's words say little on their own
// ("tomorrow?", "make it 8") or are compatible with the previous intent; a request's words speak
// against it.

/**
 * The odds at which a message's own words rule out the joined reading's article: its probability
 * alone below 1/100 of the best article's. In a linear classifier the ratio of two classes'
 * probabilities is the difference of the words' votes for them, so this says the message's words
 * vote for another article by a factor of 100 (log-odds 4.6), whatever the number of articles.
 * Chosen on CLINC150 val after another topic (requests that borrowed: 0.0000-0.0065) and on real
 * continuations written for it (`bench/data/continuations`: 0.023 and more where borrowing was right,
 * but one, "an apple?" after a calorie question, 0.0044).
 */
export const AGAINST_ODDS = 0.01;

/**
 * Whether a message's own words leave the joined reading's article plausible. `alone`: the
 * classifier's probability of each article for the message alone; `joined`: the article the
 * reading with the previous question found.
 */
export function continuesIntent(alone: ArrayLike<number>, joined: number): boolean {
  let best = 0;
  for (let c = 0; c < alone.length; c++) if (alone[c] > best) best = alone[c];
  return (alone[joined] ?? 0) >= AGAINST_ODDS * best;
}
