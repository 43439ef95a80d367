import { describe, expect, it } from 'vitest';
import { stem } from './stem.ts';

describe('light stemming', () => {
  it.each([
    ['cards', 'card'],
    ['booking', 'book'],
    ['stopped', 'stop'],
    ['calling', 'call'],
    ['news', 'news'],
    // British spelling doubles the l of an unstressed "-el": the same word as the American one.
    ['cancelled', 'cancel'],
    ['cancelling', 'cancel'],
    ['canceled', 'cancel'],
    ['travelling', 'travel'],
    ['labelled', 'label'],
    // A short "-ell" word keeps its ll.
    ['spelling', 'spell'],
    ['selling', 'sell'],
    ['installed', 'install'],
  ])('%s -> %s', (word, expected) => expect(stem(word)).toBe(expected));
});
