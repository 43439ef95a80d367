-- pgbench's side of bench/realtime.ts: runs in the bench's own database, after Baton's
-- migrations and the bench's conversations exist, so the scripts write into Baton's real
-- tables (same columns, indexes and constraints). pgbench picks a conversation by number.
drop table if exists pgbench_lines;
create table pgbench_lines as
  select row_number() over (order by id)::int as n, id, workspace_id from conversations;
alter table pgbench_lines add primary key (n);
analyze pgbench_lines;
