// "The docs don't say" check: what kind of answer a question asks for, and whether a passage
// contains something of that kind. A question about a price answered by a passage without
// any amount is not answered, however well the words match.

export type AnswerType = 'amount' | 'date' | 'duration' | 'place' | 'contact' | 'number' | 'none';

const RULES: [AnswerType, RegExp][] = [
  ['amount', /\b(how much|cost|costs|price|prices|fee|fees|charge|pay|rate|salary|make averagely|cuanto cuesta|combien|wie viel kostet)\b/],
  ['contact', /\b(phone number|telephone|call|email address|contact number|hotline)\b/],
  ['duration', /\b(how long|how many (days|weeks|months|years|hours))\b/],
  ['date', /\b(when|what time|what date|which day|deadline|hours|open|opening|close|closing|cuando|quand|wann)\b/],
  ['number', /\b(how many|how old|what age|minimum age|what percentage|how far)\b/],
  ['place', /\b(where|which office|address|location|located)\b/],
];

export function answerTypeOf(normalizedQuestion: string): AnswerType {
  for (const [type, re] of RULES) if (re.test(normalizedQuestion)) return type;
  return 'none';
}

const HAS: Record<Exclude<AnswerType, 'none'>, RegExp> = {
  amount: /([$€£¥]\s?\d|\d\s?(usd|eur|dollars?|cents?|euros?|%)|\bfree\b|\bno (fee|cost|charge)\b|\d)/i,
  contact: /(\d{3}[\s.-]?\d{3,4}|@|\bcall\b|https?:\/\/|www\.)/i,
  duration:
    /\d+\s*(minutes?|hours?|days?|weeks?|months?|years?)|\b(one|two|three|four|five|six|seven|ten|a few) (minutes?|hours?|days?|weeks?|months?|years?)\b/i,
  date: /(\d{1,2}(:\d{2})?\s?(a\.?m\.?|p\.?m\.?)|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|weekday|weekend|holiday)s?\b|\d{4}|\d{1,2}\/\d{1,2})/i,
  number: /\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|hundred)\b/i,
  place:
    /(\b(street|st\.|avenue|ave\.?|road|rd\.|suite|floor|building|office|center|centre|online|website|located|at the|in the)\b|https?:\/\/|www\.|\d{5})/i,
};

/** Whether the passage holds an answer of the asked kind (always true when no kind is asked). */
export function passageHasAnswerType(type: AnswerType, passage: string): boolean {
  return type === 'none' ? true : HAS[type].test(passage);
}
