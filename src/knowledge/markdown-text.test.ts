import { describe, expect, it } from 'vitest';
import { markdownText } from './markdown.ts';

// Text quoted from articles goes to customers as plain text (the widget shows no Markdown).
describe('markdownText', () => {
  it('keeps the words a reader sees and drops the marks', () => {
    const md = [
      '# Change your e-mail',
      '',
      'Go to **Settings** and enter your *new* **e-mail address**; see [the guide](https://help.test/g) or <https://help.test/a>.',
      'Type `reset` &amp; wait <b>a minute</b>.',
      '',
      '- one **item**',
      '- two',
      '',
      '| plan | price |',
      '|---|---|',
      '| Basic | 5 |',
    ].join('\n');
    expect(markdownText(md)).toBe(
      [
        'Change your e-mail',
        '',
        'Go to Settings and enter your new e-mail address; see the guide (https://help.test/g) or https://help.test/a.',
        'Type reset & wait a minute.',
        '',
        '- one item',
        '- two',
        '',
        'plan | price',
        'Basic | 5',
      ].join('\n'),
    );
  });

  it('numbers the items of a numbered list, keeps written addresses as written and drops in-page anchors', () => {
    expect(markdownText('3. Pack it\n4. Post it')).toBe('3. Pack it\n4. Post it');
    expect(markdownText('Write to help@example.test or www.example.test today.')).toBe(
      'Write to help@example.test or www.example.test today.',
    );
    expect(markdownText('See [`bodyLimit`](#bodylimit) and [the API](/api).')).toBe('See bodyLimit and the API (/api).');
    // A redaction token is not an HTML tag: it stays.
    expect(markdownText('We wrote to <EMAIL_1>.')).toBe('We wrote to <EMAIL_1>.');
  });

  it('leaves plain text as it was', () => {
    expect(markdownText('Refunds take 5 days. Ask us anytime!')).toBe('Refunds take 5 days. Ask us anytime!');
  });
});
