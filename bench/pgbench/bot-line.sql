-- One customer line and the bot's reply to it, as src/conversations/customer-messages.ts does
-- them: customer-line.sql, then the bot's turn: read the workspace and the recent history, then
-- one transaction that locks the conversation (with its workspace's policy), updates its
-- language and intent, inserts the reply with its event and moves last_seq
-- (messages.insertMessage), and the NOTIFY after commit. The customer's line commits without
-- waiting for the disk, as in Baton; the bot's durable commit flushes it too (Baton's separate
-- flush for the customer's answer is shared by the lines in flight and left out here).
select * from workspaces where id = ':wid';
select * from messages where conversation_id = ':cid' and internal = false order by seq desc limit 13;
begin;
select c.*, w.policy from conversations c join workspaces w on w.id = c.workspace_id
  where c.workspace_id = ':wid' and c.id = ':cid' for update of c;
update conversations set language = 'en', intent = 'refund-policy', updated_at = now() where id = ':cid' returning last_seq \gset
with advanced as (
  update conversations set last_seq = :last_seq + 1, updated_at = now() where id = ':cid' returning id
), event as (
  insert into events (workspace_id, conversation_id, type, actor_type, actor_id, data)
  values (':wid', ':cid', 'message.created', 'bot', null, jsonb_build_object('seq', :last_seq + 1, 'internal', false))
  returning id
)
insert into messages (id, workspace_id, conversation_id, seq, author, agent_id, text, redacted_text, internal, citations, trace, client_message_id)
values (gen_random_uuid(), ':wid', ':cid', :last_seq + 1, 'bot', null,
  'You can ask for a refund within 30 days of purchase.', 'You can ask for a refund within 30 days of purchase.', false,
  '[{"articleId": "refund-policy", "title": "Refund policy"}]', '{"action": "answer", "confidence": 0.9, "threshold": 0.5}', null)
returning id as reply_id, (select id from event) as reply_event_id \gset
commit;
select set_config('synchronous_commit', 'off', true),
  pg_notify('baton_events', json_build_object('id', ':reply_event_id', 'workspaceId', ':wid', 'conversationId', ':cid',
    'type', 'message.created', 'messageId', ':reply_id')::text);
