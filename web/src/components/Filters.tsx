import { useWorkspace } from '../workspace.tsx';
import { STATUS_LABEL } from '../format.ts';
import { PRIORITIES, STATUSES } from '../types.ts';
import { LANGUAGES } from '../languages.ts';

export interface FilterState {
  team: string;
  status: string;
  priority: string;
  language: string;
}

export function Filters({ value, onChange }: { value: FilterState; onChange: (f: FilterState) => void }) {
  const { teams } = useWorkspace();
  const set = (k: keyof FilterState) => (e: { target: { value: string } }) => onChange({ ...value, [k]: e.target.value });
  return (
    <fieldset className="filters">
      <legend className="sr-only">Filters</legend>
      <label>
        <span>Team</span>
        <select value={value.team} onChange={set('team')}>
          <option value="">All teams</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Status</span>
        <select value={value.status} onChange={set('status')}>
          <option value="">View default</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Priority</span>
        <select value={value.priority} onChange={set('priority')}>
          <option value="">Any</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Language</span>
        <select value={value.language} onChange={set('language')}>
          <option value="">Any</option>
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
