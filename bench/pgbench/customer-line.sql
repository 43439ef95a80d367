-- One customer line, as src/conversations/customer-messages.ts writes it (appendCustomerLine):
-- read the conversation with its workspace's policy, then one statement (update the
-- conversation, insert the message, insert its event), the NOTIFY in its own statement
-- (db/transaction.ts), both committed without waiting for the disk. Not a script on its own:
-- bench/support/pgbench.ts runs it followed by agent-line.sql or bot-line.sql (pgbench has no
-- include; by hand: cat customer-line.sql agent-line.sql | pgbench -f - ...).
\set n random(1, :convs)
select id as cid, workspace_id as wid from pgbench_lines where n = :n \gset
select c.*, w.policy from conversations c join workspaces w on w.id = c.workspace_id
  where c.workspace_id = ':wid' and c.id = ':cid';
with c as (
  -- updated_at as messages.ts's UPDATED_NOW: kept within a minute while the bot holds it (heap-only updates).
  update conversations set last_seq = last_seq + 1,
    updated_at = case when status = 'bot' and updated_at > now() - interval '1 minute' then updated_at else now() end
  where id = ':cid' and workspace_id = ':wid' and status = status and pii_state is not distinct from pii_state
  returning id, workspace_id, last_seq, set_config('synchronous_commit', 'off', true)
), m as (
  insert into messages (id, workspace_id, conversation_id, seq, author, text, redacted_text, client_message_id)
  select gen_random_uuid(), c.workspace_id, c.id, c.last_seq, 'customer', 'pgbench line from a customer', 'pgbench line from a customer', null from c
  returning *
), e as (
  insert into events (workspace_id, conversation_id, type, actor_type, actor_id, data)
  select m.workspace_id, m.conversation_id, 'message.created', 'customer', null,
    jsonb_build_object('message_id', m.id, 'seq', m.seq, 'internal', false)
  from m returning id
)
select m.id, (select id from e) as event_id from m \gset
select set_config('synchronous_commit', 'off', true),
  pg_notify('baton_events', json_build_object('id', ':event_id', 'workspaceId', ':wid', 'conversationId', ':cid',
    'type', 'message.created', 'messageId', ':id')::text);
