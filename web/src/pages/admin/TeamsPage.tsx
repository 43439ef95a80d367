import { useWorkspace } from '../../workspace.tsx';

export function TeamsPage() {
  const { teams, agents, agentName, teamName } = useWorkspace();
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Teams and agents</h1>
      <h2>Teams</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col">Skills</th>
              <th scope="col">Members</th>
              <th scope="col">SLA</th>
              <th scope="col">Overflow to</th>
            </tr>
          </thead>
          <tbody>
            {teams.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>{t.skills.join(', ') || '—'}</td>
                <td>{t.member_ids.map((id) => agentName(id) ?? id.slice(0, 8)).join(', ') || '—'}</td>
                <td>{t.sla_seconds ? `${Math.round(t.sla_seconds / 60)} min` : '—'}</td>
                <td>{teamName(t.fallback_team_id) ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Agents</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-mail</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Skills</th>
              <th scope="col">Languages</th>
              <th scope="col">Capacity</th>
            </tr>
          </thead>
          <tbody>
            {agents.map((a) => (
              <tr key={a.id}>
                <td>{a.name}</td>
                <td>{a.email}</td>
                <td>{a.role}</td>
                <td>
                  <span className={`dot ${a.status}`} aria-hidden="true" /> {a.status}
                </td>
                <td>{a.skills.join(', ') || '—'}</td>
                <td>{a.languages.join(', ') || '—'}</td>
                <td>{a.capacity}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
