import { href, onLinkClick } from '../../router.ts';
import { useWorkspace } from '../../workspace.tsx';
import { ResourcePage } from './ResourcePage.tsx';
import { FUTURE } from '../../endpoints.ts';
import { PolicyPage } from './PolicyPage.tsx';
import { TeamsPage } from './TeamsPage.tsx';
import { WidgetPage } from './WidgetPage.tsx';

const PAGES = [
  { id: 'knowledge', label: 'Knowledge' },
  { id: 'policy', label: 'Policy' },
  { id: 'routing', label: 'Routing rules' },
  { id: 'teams', label: 'Teams and agents' },
  { id: 'widget', label: 'Widget' },
] as const;

export function Admin({ path }: { path: string }) {
  const { me } = useWorkspace();
  const page = path.split('/')[2] || 'knowledge';
  return (
    <div className="admin">
      <nav className="admin-nav" aria-label="Admin">
        <ul>
          {PAGES.map((p) => (
            <li key={p.id}>
              <a href={href(`/admin/${p.id}`)} onClick={onLinkClick(`/admin/${p.id}`)} aria-current={page === p.id ? 'page' : undefined}>
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin-page">
        {me.role !== 'admin' && <p className="muted small">You are signed in as {me.role}: you can look, an admin can change things.</p>}
        {page === 'knowledge' && (
          <ResourcePage
            title="Knowledge"
            intro="Articles the bot answers from. Add sources with `baton ingest`; the bot cites these in its answers."
            path={FUTURE.articles}
            prefer={['articles', 'items']}
            columns={['title', 'url', 'locale', 'tags', 'updated_at']}
            what="Knowledge administration"
          />
        )}
        {page === 'policy' && <PolicyPage />}
        {page === 'routing' && (
          <ResourcePage
            title="Routing rules"
            intro="Ordered rules: the first that matches a handoff's intent, language, reason or customer attributes picks the team or agent."
            path={FUTURE.routingRules}
            prefer={['rules', 'items']}
            columns={['position', 'name', 'enabled', 'conditions', 'target', 'skills', 'priority']}
            what="Routing rules administration"
          />
        )}
        {page === 'teams' && <TeamsPage />}
        {page === 'widget' && <WidgetPage />}
      </div>
    </div>
  );
}
