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

  it('leaves plain text as it was', () => {
    expect(markdownText('Refunds take 5 days. Ask us anytime!')).toBe('Refunds take 5 days. Ask us anytime!');
  });
});
