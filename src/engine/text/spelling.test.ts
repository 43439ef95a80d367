import { describe, expect, it } from 'vitest';
import { slipBetween } from './edit-distance.ts';
import { Speller } from './spelling.ts';

describe('slipBetween', () => {
  it('names the one slip between a typed word and a word', () => {
    expect(slipBetween('pasword', 'password')).toBe('double');
    expect(slipBetween('passsword', 'password')).toBe('double');
    expect(slipBetween('recieve', 'receive')).toBe('swap');
    expect(slipBetween('statud', 'status')).toBe('end');
    expect(slipBetween('oroginally', 'originally')).toBe('key');
    expect(slipBetween('affirmitive', 'affirmative')).toBe('substitute');
    expect(slipBetween('subract', 'subtract')).toBe('delete');
    expect(slipBetween('octaine', 'octane')).toBe('insert');
    expect(slipBetween('cant', "can't")).toBe('apostrophe');
    expect(slipBetween('fishy', 'fish')).toBe('end');
  });

  it('is null for the same word and for two slips or more', () => {
    expect(slipBetween('order', 'order')).toBeNull();
    expect(slipBetween('nutrional', 'nutritional')).toBeNull();
    expect(slipBetween('refund', 'return')).toBeNull();
  });
});

describe('Speller', () => {
  const speller = new Speller([
    'Reset your password',
    'To reset your password, click Forgot password. We send a reset link.',
    "I can't sign in",
    'Track your order: the parcel leaves our warehouse',
    'Refund policy: you can receive a refund within 30 days.',
  ]);

  it('reads a one-letter typo of a knowledge word as that word', () => {
    expect(speller.correct('pasword')).toBe('password');
    expect(speller.correct('recieve')).toBe('receive');
    expect(speller.correct('warehuose')).toBe('warehouse');
    expect(speller.correct('cant')).toBe("can't");
    expect(speller.correctText('cant remember my pasword!')).toEqual({
      text: "can't remember my password!",
      corrections: [
        { from: 'cant', to: "can't" },
        { from: 'pasword', to: 'password' },
      ],
    });
  });

  it('leaves known words, their inflections, short words and function words alone', () => {
    expect(speller.correct('password')).toBeNull();
    expect(speller.correct('refunds')).toBeNull();
    expect(speller.correct('sing')).toBeNull();
    expect(speller.correct('ordr')).toBeNull();
    expect(speller.correctText('where is my parcel').corrections).toEqual([]);
  });

  it('does not read a real word one unlikely slip away as a knowledge word', () => {
    // A letter changed for a distant key, or a letter added at the end, turns words into words.
    expect(speller.correct('parcels')).toBeNull();
    expect(new Speller(['hells bells']).correct('hills')).toBeNull();
    expect(new Speller(['a site map']).correct('suite')).toBeNull();
    expect(new Speller(['fish']).correct('fishy')).toBeNull();
  });

  it('gives no correction when two knowledge words are equally near and equally common', () => {
    // "baelt" is one swap from each.
    expect(new Speller(['bealt balet']).correct('baelt')).toBeNull();
    expect(new Speller(['bealt balet bealt']).correct('baelt')).toBe('bealt');
  });
});
