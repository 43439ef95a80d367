import { useResource } from '../../hooks.ts';
import { API } from '../../endpoints.ts';
import { href, onLinkClick } from '../../router.ts';
import { useWorkspace } from '../../workspace.tsx';

// What decideRoute (src/handoff/routing/engine.ts) does, in words, with this workspace's own
// teams filled in. Kept next to the rules so an admin reads the order that applies to them.

const minutes = (s: number) => (s % 60 === 0 ? `${s / 60} min` : `${s} s`);

export function RoutingExplainer() {
  const ws = useWorkspace();
  const [policy] = useResource<{ policy?: { defaultTeamId?: string | null } }>(API.policy);
  const defaultTeam = policy.state === 'ready' ? ws.teamName(policy.data.policy?.defaultTeamId) : null;
  const firstTeam = [...ws.teams].sort((a, b) => a.name.localeCompare(b.name))[0]?.name ?? null;
  const nav = (path: string) => ({ href: href(path), onClick: onLinkClick(path) });
  return (
    <details className="card explainer" open>
      <summary>
        <h2>How a handoff is routed</h2>
      </summary>
      <ol className="steps">
        <li>
          <strong>Rules, in order.</strong> The first enabled rule whose conditions all match picks the team (or a named agent, or the
          workspace queue), and may set the priority and the skills needed.
        </li>
        <li>
          <strong>No rule matches:</strong> the team whose skills include the conversation’s intent; else the default team
          {defaultTeam ? ` (${defaultTeam})` : ''} set in <a {...nav('/admin/policy')}>Policy</a>; else the first team by name
          {firstTeam ? ` (${firstTeam})` : ''}.
        </li>
        <li>
          <strong>Inside the team</strong> it is offered to one agent who is online, not a viewer, has the skills, speaks the customer’s
          language and is under capacity: the agent who last helped this customer if they can, otherwise the one with the fewest open
          conversations. It stays in the queue until someone accepts it.
        </li>
        <li>
          <strong>Nobody in the team can take it:</strong> the team’s fallback team is tried at once, then its fallback. If people are
          online but all busy, it waits in the queue. If nobody is online (or it is outside business hours), the customer is told and asked
          for an e-mail address.
        </li>
        <li>
          <strong>Not accepted in time:</strong> after the team’s SLA it moves to the fallback team.
        </li>
      </ol>
      <p className="muted small">
        Priority, unless a rule sets it: urgent for a sensitive topic; high for negative sentiment, repeated failure or a VIP customer.
      </p>
      {ws.teams.length > 0 && (
        <ul className="team-summary" aria-label="Teams and their fallbacks">
          {ws.teams.map((t) => (
            <li key={t.id}>
              <strong>{t.name}</strong>
              {t.skills.length > 0 ? `: skills ${t.skills.join(', ')}` : ': no skills'}
              {t.fallback_team_id
                ? `; falls back to ${ws.teamName(t.fallback_team_id) ?? 'another team'} (SLA ${minutes(t.sla_seconds)})`
                : '; no fallback'}
            </li>
          ))}
          <li>
            <a {...nav('/admin/teams')}>Change teams and fallbacks</a>
          </li>
        </ul>
      )}
    </details>
  );
}
