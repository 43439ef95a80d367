import { href, onLinkClick } from '../../router.ts';
import { useWorkspace } from '../../workspace.tsx';
import { PolicyPage } from './PolicyPage.tsx';
import { TeamsPage } from './TeamsPage.tsx';
import { AgentsPage } from './AgentsPage.tsx';
import { RulesPage } from './RulesPage.tsx';
import { KnowledgePage } from './KnowledgePage.tsx';
import { MacrosPage } from './MacrosPage.tsx';
import { KeysPage } from './KeysPage.tsx';
import { ConnectorsPage } from './ConnectorsPage.tsx';
import { WebhooksPage } from './WebhooksPage.tsx';
import { WidgetPage } from './WidgetPage.tsx';
import { NotFound } from '../../components/NotFound.tsx';
import { ActionsPage } from './ActionsPage.tsx';
import { PlaybooksPage } from './PlaybooksPage.tsx';

const PAGES = [
  { id: 'knowledge', label: 'Knowledge', page: KnowledgePage },
  { id: 'routing', label: 'Routing rules', page: RulesPage },
  { id: 'teams', label: 'Teams', page: TeamsPage },
  { id: 'agents', label: 'Agents', page: AgentsPage },
  { id: 'macros', label: 'Macros', page: MacrosPage },
  { id: 'policy', label: 'Policy', page: PolicyPage },
  { id: 'actions', label: 'Actions', page: ActionsPage },
  { id: 'playbooks', label: 'Playbooks', page: PlaybooksPage },
  { id: 'api-keys', label: 'API keys', page: KeysPage },
  { id: 'connectors', label: 'Connectors', page: ConnectorsPage },
  { id: 'webhooks', label: 'Webhooks', page: WebhooksPage },
  { id: 'widget', label: 'Widget', page: WidgetPage },
] as const;

export function Admin({ path }: { path: string }) {
  const { me } = useWorkspace();
  const id = path.split('/')[2] || 'knowledge';
  const found = PAGES.find((p) => p.id === id);
  const current = found ?? PAGES[0];
  const Page = current.page;
  return (
    <div className="admin">
      <nav className="admin-nav" aria-label="Admin">
        <ul>
          {PAGES.map((p) => (
            <li key={p.id}>
              <a
                href={href(`/admin/${p.id}`)}
                onClick={onLinkClick(`/admin/${p.id}`)}
                aria-current={found?.id === p.id ? 'page' : undefined}
              >
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin-page">
        {me.role !== 'admin' && (
          <p className="muted small">You are signed in as {me.role}: only an admin can see and change most of these settings.</p>
        )}
        {found ? <Page key={current.id} /> : <NotFound path={path} back="/admin" />}
      </div>
    </div>
  );
}
