import { describe, expect, it } from 'vitest';
import { ApiError, errorText } from '../../web/src/api.ts';
import { humanError, humanMessage } from '../../web/src/messages.ts';

// The API's validation wording (zod's) as the workspace shows it: in words, with the field named.
describe('validation messages in words', () => {
  it.each([
    ['Too small: expected string to have >=1 characters', 'Cannot be empty.'],
    ['Too small: expected string to have >=3 characters', 'Use at least 3 characters.'],
    ['Too big: expected string to have <=200 characters', 'Use at most 200 characters.'],
    ['Invalid UUID', 'Not a valid id.'],
    ['Invalid email address', 'Enter an e-mail address such as name@example.com.'],
    ['Too small: expected number to be >=1', 'Use a number of at least 1.'],
    ['Invalid input: expected string, received undefined', 'Required.'],
    ['Invalid option: expected one of "low"|"normal"|"high"', 'Choose one of low, normal, high.'],
    ['no such team', 'no such team'],
  ])('%s', (raw, said) => expect(humanMessage(raw)).toBe(said));

  it('names the field of a whole message and leaves messages it does not know alone', () => {
    expect(humanError('body/name: Too small: expected string to have >=1 characters')).toBe('Name: cannot be empty.');
    expect(humanError('body/sla_seconds: Too small: expected number to be >=60')).toBe('SLA seconds: use a number of at least 60.');
    expect(humanError('params/id: Invalid UUID')).toBe('Id: not a valid id.');
    expect(humanError('target.team_id: no such team')).toBe('target.team_id: no such team');
    expect(humanError('Cannot reach the server. Check your connection.')).toBe('Cannot reach the server. Check your connection.');
  });

  it('is what errorText shows', () => {
    const err = new ApiError(400, 'invalid_request', 'body/name: Too small: expected string to have >=1 characters', [
      { path: 'body/name', message: 'Too small: expected string to have >=1 characters' },
    ]);
    expect(errorText(err)).toBe('Name: cannot be empty.');
  });
});
