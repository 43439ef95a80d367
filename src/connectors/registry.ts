import type { ConnectorDefinition } from './types.ts';
import { zendesk } from './zendesk/index.ts';
import { intercom } from './intercom/index.ts';
import { freshdesk } from './freshdesk/index.ts';
import { sunco } from './sunco/index.ts';
import { salesforce } from './salesforce/index.ts';
import { gorgias } from './gorgias/index.ts';
import { kustomer } from './kustomer/index.ts';

// Every helpdesk Baton can hand off to. A new vendor is a folder and one line here.
const CONNECTORS: ConnectorDefinition<any, any>[] = [zendesk, sunco, intercom, freshdesk, gorgias, kustomer, salesforce];

export const VENDORS = CONNECTORS.map((c) => c.vendor);

export function connectorDefinition(vendor: string): ConnectorDefinition<any, any> | undefined {
  return CONNECTORS.find((c) => c.vendor === vendor);
}

export function listConnectorDefinitions(): ConnectorDefinition<any, any>[] {
  return CONNECTORS;
}
