import { describe, expect, it } from 'vitest';
import { displayText, linkParts, webAddress } from '../../widget/src/text.ts';

// What the widget shows of a bot answer (widget/src/text.ts).
describe('displayText', () => {
  it('drops the plain-text source line when the sources are shown as links', () => {
    const text = 'Refunds take 5 to 10 business days.\n\nSource: Refunds (https://help.example.test/refunds)';
    expect(displayText(text, true)).toBe('Refunds take 5 to 10 business days.');
    expect(displayText(text, false)).toBe(text);
    expect(displayText('A.\n\nSources: Refunds; Shipping (https://x.test/s)', true)).toBe('A.');
  });

  it('starts with the first word: no leading blank lines', () => {
    expect(displayText('\n\n  \nRefunds take 5 days.', false)).toBe('Refunds take 5 days.');
    expect(displayText('One.\n\n\n\nTwo.', false)).toBe('One.\n\nTwo.');
    // List items the answer quotes keep their lines.
    expect(displayText('From “Returns”:\n1. Pack it\n2. Post it', false)).toBe('From “Returns”:\n1. Pack it\n2. Post it');
  });

  it('keeps a source line that is part of the answer, and text without sources as it is', () => {
    expect(displayText('Source: the warehouse team told us so.', true)).toBe('Source: the warehouse team told us so.');
    expect(displayText('Line one\r\nline two', false)).toBe('Line one\nline two');
  });
});

describe('linkParts', () => {
  it('cuts web addresses out of the text, without the punctuation that ends the sentence', () => {
    expect(linkParts('elsewhere find a free line at https://findahelpline.com.')).toEqual([
      'elsewhere find a free line at ',
      { href: 'https://findahelpline.com/', label: 'https://findahelpline.com' },
      '.',
    ]);
    expect(linkParts('Source: Refunds (https://help.example.test/refunds), or http://x.test/a?b=1!')).toEqual([
      'Source: Refunds (',
      { href: 'https://help.example.test/refunds', label: 'https://help.example.test/refunds' },
      '), or ',
      { href: 'http://x.test/a?b=1', label: 'http://x.test/a?b=1' },
      '!',
    ]);
  });

  it('keeps a closing bracket the address opened, and leaves text without addresses whole', () => {
    expect(linkParts('see https://en.wikipedia.org/wiki/Baton_(symbol) now')[1]).toEqual({
      href: 'https://en.wikipedia.org/wiki/Baton_(symbol)',
      label: 'https://en.wikipedia.org/wiki/Baton_(symbol)',
    });
    expect(linkParts('call 116 123')).toEqual(['call 116 123']);
    expect(linkParts('')).toEqual([]);
  });

  it('links only http(s) addresses that parse', () => {
    expect(linkParts('javascript:alert(1) and https://')).toEqual(['javascript:alert(1) and https://']);
    expect(webAddress('data:text/html,hi')).toBeNull();
    expect(webAddress('https://a.test/x')).toBe('https://a.test/x');
  });
});
