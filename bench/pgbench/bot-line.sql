-- One customer line and the bot's plain answer to it, as src/conversations/customer-messages.ts
-- writes them (decision 0005): customer-line.sql, then the answer in one statement with no
-- transaction of its own (guarded by the bot holding the conversation and nothing after the
-- line; sets language and intent, moves last_seq, inserts the reply and its event), committed
-- without waiting for the disk, its NOTIFY, and the WAL flush the customer's answer waits for
-- (db/durability.ts). Baton reads the bot's context (the last 12 messages) inside the customer
-- line's statement; here it is the first CTE of the answer's, the same work without a round
-- trip of its own. Baton also puts the answers given meanwhile in one statement and shares one
-- flush among the lines in flight; here every line pays its own (Postgres still groups the
-- flushes of concurrent clients). A handoff or an action takes the locked path, not measured.
with h as (
  select coalesce(jsonb_agg(jsonb_build_object('author', x.author, 'redacted_text', x.redacted_text,
    'trace', x.trace, 'citations', x.citations) order by x.seq), '[]'::jsonb) as history
  from (select seq, author, redacted_text, trace, citations from messages
    where conversation_id = ':cid' and internal = false order by seq desc limit 12) x
), c as (
  -- updated_at as messages.ts's UPDATED_NOW: kept within a minute while the bot holds it (heap-only updates).
  update conversations set last_seq = last_seq + 1,
    updated_at = case when status = 'bot' and updated_at > now() - interval '1 minute' then updated_at else now() end,
    language = coalesce('en', language), intent = coalesce('refund-policy', intent)
  where id = ':cid' and workspace_id = ':wid' and controller = controller and last_seq = last_seq
  returning id, workspace_id, last_seq, language, intent, pii_state, set_config('synchronous_commit', 'off', true)
), m as (
  insert into messages (id, workspace_id, conversation_id, seq, author, text, redacted_text, citations, trace)
  select gen_random_uuid(), c.workspace_id, c.id, c.last_seq, 'bot',
    'You can ask for a refund within 30 days of purchase.', 'You can ask for a refund within 30 days of purchase.',
    '[{"articleId": "refund-policy", "title": "Refund policy"}]', '{"action": "answer", "confidence": 0.9, "threshold": 0.5}'
  from c
  returning *
), e as (
  insert into events (workspace_id, conversation_id, type, actor_type, actor_id, data)
  select m.workspace_id, m.conversation_id, 'message.created', 'bot', null,
    jsonb_build_object('message_id', m.id, 'seq', m.seq, 'internal', false)
  from m returning id
)
select m.id as reply_id, (select id from e) as reply_event_id, (select jsonb_array_length(history) from h) as turns from m \gset
select set_config('synchronous_commit', 'off', true),
  pg_notify('baton_events', json_build_object('id', ':reply_event_id', 'workspaceId', ':wid', 'conversationId', ':cid',
    'type', 'message.created', 'messageId', ':reply_id')::text);
select pg_logical_emit_message(true, 'baton.flush', '');
