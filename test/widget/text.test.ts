import { describe, expect, it } from 'vitest';
import { displayText } from '../../widget/src/text.ts';

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
