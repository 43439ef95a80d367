-- One customer line of a live chat with an agent: customer-line.sql, then the WAL flush the
-- customer's answer waits for (db/durability.ts). Baton shares one flush among the lines in
-- flight; here every line asks for its own (Postgres still groups the flushes of concurrent
-- clients).
select pg_logical_emit_message(true, 'baton.flush', '');
