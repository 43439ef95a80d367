import { describe, expect, it } from 'vitest';
import { presentBotVerification } from './index.ts';

describe('how the bot verified the customer, for the workspace', () => {
  it('names the tool and the kinds of detail in words, never the account', () => {
    const byName = { id: 'olivia_ito_3591', via: 'tool', tool: 'find_user_id_by_name_zip', using: ['first_name', 'last_name', 'zip'] };
    expect(presentBotVerification(byName)).toEqual({
      tool: 'find_user_id_by_name_zip',
      using: ['first_name', 'last_name', 'zip'],
      method: 'name and zip code lookup',
    });
    expect(JSON.stringify(presentBotVerification(byName))).not.toContain('olivia');
    expect(presentBotVerification({ id: 'x', via: 'tool', tool: 'lookup', using: ['loyalty_number'] })?.method).toBe(
      'loyalty number lookup',
    );
  });

  it('is null when the bot did not verify (nobody, or the host page did)', () => {
    expect(presentBotVerification(null)).toBeNull();
    expect(presentBotVerification({ id: 'olivia_ito_3591', via: 'host_page' })).toBeNull();
  });
});
