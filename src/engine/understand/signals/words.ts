// How many words a part of a message has, for the detector's rules on short text.

/** Words of two letters or more: "Hi, I am" (a PII token read out) has two. */
export const words = (s: string): number => s.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length;

/** A part of a message read on its own needs a few words: "Hi, I am <PERSON_1>" alone reads like anything. */
export const MIN_CLAUSE_WORDS = 3;
