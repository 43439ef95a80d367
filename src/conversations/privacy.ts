import { emptyState, openState, redact, restore, sealState, type Keyring, type PiiSettingsInput, type TokenState } from '../pii/index.ts';

/**
 * The PII shield as the conversation core uses it: customer text is redacted before it is
 * stored or seen by anything else, and the originals live only in the conversation's sealed
 * token state (AES-256-GCM). Customers get their own words back; staff reveal on purpose.
 */
export class ConversationPrivacy {
  constructor(private readonly keyring: Keyring) {}

  open(sealed: string | null): TokenState {
    return sealed ? openState(sealed, this.keyring) : emptyState();
  }

  /** Seals a token state to store with the conversation (values added by a tool's result, see tool-calls.ts). */
  seal(state: TokenState): string {
    return sealState(state, this.keyring);
  }

  /** Redacts `text` against the conversation's state; returns the text and the state to store. */
  redact(text: string, sealed: string | null, settings: PiiSettingsInput): { redacted: string; sealed: string | null; tokens: string[] } {
    const result = redact(text, settings, this.open(sealed));
    const tokens = Object.keys(result.tokens);
    if (tokens.length === 0) return { redacted: result.redacted, sealed, tokens };
    return { redacted: result.redacted, sealed: sealState(result.state, this.keyring), tokens };
  }

  /** Puts the original values back (for the customer's own view, or a recorded reveal). */
  restore(text: string, sealed: string | null): string {
    return sealed ? restore(text, this.open(sealed)) : text;
  }
}
