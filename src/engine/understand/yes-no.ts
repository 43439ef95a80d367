// A customer's answer to a yes/no question (go ahead with this change? talk to a person?).

const YES =
  /^(?:y|yes|yeah|yep|yup|sure|ok(?:ay)?|please do|go ahead|do it|proceed|confirm(?:ed)?|correct|right|that's right|that is right|sounds good|please(?=\s*(?:[.!]|$|go ahead|proceed))|si|sí|oui|ja|jawohl|claro|d'accord)(?![\p{L}\p{N}])/iu;
const NO = /^(?:n|no|nope|nah|don't|do not|cancel that|stop|wait|not yet|non|nein|nee)(?![\p{L}\p{N}])/iu;

/** Whether a line answers a yes/no question, and how. A "yes, but…" with a change is still a yes to the words before it. */
export function yesOrNo(text: string): 'yes' | 'no' | null {
  const t = text
    .trim()
    .replace(/^[\s,.!]*(?:hi|hello|well|um+|uh+|ah+|oh)[\s,.!]+/i, '')
    .replace(/[“”"]/g, '');
  if (NO.test(t)) return 'no';
  if (YES.test(t)) return 'yes';
  return null;
}
