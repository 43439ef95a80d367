import { sql, type Kysely } from 'kysely';

// Issue 5: the audit log (append-only, hash-chained: docs/security.md) and erasure tombstones.
//
// The chain is computed in the database, by one function, so every writer (the events
// trigger below, the login route, exports, erasures) appends the same way inside its own
// transaction. `audit_chain` is the chain head: appending locks it (select ... for update),
// so concurrent transactions on Postgres take turns and the chain never forks; PGlite runs one
// transaction at a time anyway. Entry ids come from the head, so they are gapless: a gap is a
// deleted entry. The verifier (src/audit/verify.ts) recomputes every hash in TypeScript.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table audit_log (
      id bigint primary key,
      at timestamptz not null,
      -- null when the entry is tied to no workspace (a failed login for an unknown e-mail)
      workspace_id uuid,
      type text not null,
      actor_type text not null,
      actor_id text,
      subject_type text,
      subject_id text,
      -- the domain event this entry was derived from, if any
      event_id bigint,
      -- never personal data of customers: ids, names of settings, counts
      data jsonb not null default '{}'::jsonb,
      prev_hash text not null,
      hash text not null unique
    );
    create index audit_log_workspace on audit_log (workspace_id, id desc);
    create index audit_log_subject on audit_log (type, subject_id, at desc);

    create table audit_chain (
      id smallint primary key check (id = 1),
      last_id bigint not null,
      last_hash text not null,
      updated_at timestamptz not null default now()
    );
    insert into audit_chain (id, last_id, last_hash) values (1, 0, repeat('0', 64));

    -- What an erased customer (or a conversation past retention) leaves behind: counts only.
    create table erasure_tombstones (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      reason text not null check (reason in ('request', 'retention')),
      erased_at timestamptz not null default now(),
      customers integer not null default 0,
      conversations integer not null default 0,
      messages integer not null default 0,
      handoffs integer not null default 0,
      -- {"widget": 2, "api": 1} and {"resolved": 2, "closed": 1}
      channels jsonb not null default '{}'::jsonb,
      statuses jsonb not null default '{}'::jsonb,
      csat_count integer not null default 0,
      csat_sum integer not null default 0
    );
    create index erasure_tombstones_workspace on erasure_tombstones (workspace_id, erased_at);
  `.execute(db);

  // Canonical JSON (keys sorted, no whitespace), the form each entry is hashed in.
  // src/audit/canonical.ts is the same function in TypeScript.
  await sql`
    create function audit_canonical(j jsonb) returns text language plpgsql immutable as $$
    declare res text;
    begin
      case jsonb_typeof(j)
        when 'object' then
          select '{' || coalesce(string_agg(to_jsonb(e.k)::text || ':' || audit_canonical(e.v), ',' order by e.k collate "C"), '') || '}'
            into res from jsonb_each(j) as e(k, v);
        when 'array' then
          select '[' || coalesce(string_agg(audit_canonical(a.v), ',' order by a.i), '') || ']'
            into res from jsonb_array_elements(j) with ordinality as a(v, i);
        else
          res := j::text;
      end case;
      return res;
    end $$;

    create function audit_append(
      p_workspace uuid, p_type text, p_actor_type text, p_actor_id text,
      p_subject_type text, p_subject_id text, p_event_id bigint, p_data jsonb
    ) returns bigint language plpgsql as $$
    declare
      h audit_chain%rowtype;
      new_id bigint;
      new_at timestamptz;
      entry jsonb;
      new_hash text;
    begin
      select * into h from audit_chain where id = 1 for update;
      new_id := h.last_id + 1;
      new_at := date_trunc('milliseconds', clock_timestamp());
      entry := jsonb_build_object(
        'id', new_id,
        'at', to_char(new_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'workspace_id', p_workspace,
        'type', p_type,
        'actor_type', p_actor_type,
        'actor_id', p_actor_id,
        'subject_type', p_subject_type,
        'subject_id', p_subject_id,
        'event_id', p_event_id,
        'data', coalesce(p_data, '{}'::jsonb),
        'prev', h.last_hash);
      new_hash := encode(sha256(convert_to(audit_canonical(entry), 'UTF8')), 'hex');
      insert into audit_log (id, at, workspace_id, type, actor_type, actor_id, subject_type, subject_id, event_id, data, prev_hash, hash)
        values (new_id, new_at, p_workspace, p_type, p_actor_type, p_actor_id, p_subject_type, p_subject_id, p_event_id, coalesce(p_data, '{}'::jsonb), h.last_hash, new_hash);
      update audit_chain set last_id = new_id, last_hash = new_hash, updated_at = new_at where id = 1;
      return new_id;
    end $$;

    -- API-key use is recorded once per key per hour (the first use); the check runs again under
    -- the chain lock, so two nodes never both record the same hour. Returns when the
    -- recorded use happened (this one, or the earlier one in the hour) and whether it is new.
    create function audit_api_key_use(p_workspace uuid, p_key text, p_data jsonb, out recorded_at timestamptz, out is_new boolean)
    language plpgsql as $$
    begin
      is_new := false;
      select max(at) into recorded_at from audit_log where type = 'api_key.used' and subject_id = p_key and at > clock_timestamp() - interval '1 hour';
      if recorded_at is not null then return; end if;
      perform 1 from audit_chain where id = 1 for update;
      select max(at) into recorded_at from audit_log where type = 'api_key.used' and subject_id = p_key and at > clock_timestamp() - interval '1 hour';
      if recorded_at is not null then return; end if;
      perform audit_append(p_workspace, 'api_key.used', 'api_key', p_key, 'api_key', p_key, null, p_data);
      select at into recorded_at from audit_log where id = (select last_id from audit_chain where id = 1);
      is_new := true;
    end $$;

    -- The database refuses to change history: no UPDATE, DELETE or TRUNCATE of entries, and
    -- the chain head cannot be removed. There is no erasure path: entries never hold a
    -- customer's personal data, so erasing a customer never needs to touch them.
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'the audit log is append-only' using errcode = 'P0001';
    end $$;
    create trigger audit_log_no_change before update or delete on audit_log
      for each row execute function audit_log_append_only();
    create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only();
    create trigger audit_chain_no_delete before delete on audit_chain
      for each row execute function audit_log_append_only();
    create trigger audit_chain_no_truncate before truncate on audit_chain
      for each statement execute function audit_log_append_only();

    -- Domain events that are also audit entries are derived here, in the same transaction as
    -- the change that wrote them: staff reveals, every admin change, integrations, knowledge.
    create function audit_from_event() returns trigger language plpgsql as $$
    begin
      perform audit_append(new.workspace_id, new.type, new.actor_type, new.actor_id,
        case when new.conversation_id is null then null else 'conversation' end,
        new.conversation_id::text, new.id, new.data);
      return null;
    end $$;
    create trigger events_audit after insert on events for each row
      when (new.type like 'admin.%' or new.type like 'privacy.%' or new.type in (
        'pii.revealed', 'connector.configured', 'connector.deleted', 'connector.clear_text_sent',
        'webhook.configured', 'webhook.deleted', 'knowledge.updated', 'import.completed'))
      execute function audit_from_event();
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop trigger if exists events_audit on events;
    drop function if exists audit_from_event();
    drop table if exists erasure_tombstones, audit_chain, audit_log cascade;
    drop function if exists audit_log_append_only(), audit_api_key_use(uuid, text, jsonb, out timestamptz, out boolean),
      audit_append(uuid, text, text, text, text, text, bigint, jsonb), audit_canonical(jsonb);
  `.execute(db);
}
