import { describe, expect, it } from 'vitest';
import { draftFromArticle } from './suggest.ts';

// An agent sends the draft to a customer whose widget shows text, not Markdown.
describe('draftFromArticle', () => {
  it("gives agent assist's draft from an article without Markdown", () => {
    const draft = draftFromArticle(
      { body: '# Change your e-mail\n\nTo change it, open **Account** and edit your **e-mail address**.' },
      'change e-mail',
    );
    expect(draft).toBe('To change it, open Account and edit your e-mail address.');
  });
});
