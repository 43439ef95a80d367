// The customer's default address, and the way out of the policy: a transfer to a person.
import { z } from 'zod';
import { defineOperation } from '../operation.ts';
import { addressFields, userId } from './fields.ts';

export const modifyUserAddress = defineOperation({
  name: 'modify_user_address',
  kind: 'write',
  method: 'POST',
  path: '/users/{user_id}/address',
  summary: "Change a customer's default address",
  description: "Replaces the default address of the customer's profile (orders already placed keep theirs).",
  input: z.object({ user_id: userId, ...addressFields }),
  result: 'User',
  run(store, { user_id, address1, address2, city, state, country, zip }) {
    const user = store.user(user_id);
    user.address = { address1, address2, city, state, country, zip };
    return user;
  },
});

export const transferToHumanAgents = defineOperation({
  name: 'transfer_to_human_agents',
  kind: 'write',
  method: 'POST',
  path: '/transfers',
  summary: 'Transfer the customer to a human agent',
  description:
    "Hands the conversation to a human agent, with a summary of the customer's issue. Only when the request cannot be handled within the policy's actions, or the customer asks for a person.",
  input: z.object({ summary: z.string().min(1).describe("A summary of the customer's issue") }),
  result: 'Transfer',
  run: (_store, { summary }) => ({ status: 'transferred', summary }),
});
