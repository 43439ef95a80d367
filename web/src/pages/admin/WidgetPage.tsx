import { useEffect, useState } from 'react';
import { useResource } from '../../hooks.ts';
import { API } from '../../endpoints.ts';

interface SnippetInfo {
  workspace?: string | { slug?: string };
  identity?: { how?: string; snippet?: string; server_example?: string };
  pinned?: { script_url?: string; integrity?: string; snippet?: string } | null;
}

/** The install snippet for the chat widget, with this server's address filled in. */
export function WidgetPage() {
  const [slug, setSlug] = useState('');
  const [copied, setCopied] = useState(false);
  const [ws] = useResource<SnippetInfo>(API.widgetSnippet);
  const info = ws.state === 'ready' ? ws.data : null;
  const known = info ? (typeof info.workspace === 'string' ? info.workspace : (info.workspace?.slug ?? '')) : '';
  useEffect(() => {
    if (known) setSlug((s) => s || known);
  }, [known]);
  const snippet = `<script src="${location.origin}/widget.js" data-workspace="${slug || 'YOUR-WORKSPACE'}" async></script>`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Chat widget</h1>
      <p className="muted">
        Paste this before the closing &lt;/body&gt; tag of your site. The widget loads on its own, keeps its styles to itself and speaks
        English, Spanish, French or German.
      </p>
      <label htmlFor="slug">Workspace slug</label>
      <input id="slug" value={slug} onChange={(e) => setSlug(e.target.value.trim())} placeholder="demo" />
      <label htmlFor="snippet">Install snippet</label>
      <textarea id="snippet" className="code" readOnly rows={3} value={snippet} onFocus={(e) => e.currentTarget.select()} />
      <div className="action-row">
        <button type="button" className="primary" onClick={() => void copy()}>
          Copy snippet
        </button>
        <span role="status" className="ok">
          {copied ? 'Copied.' : ''}
        </span>
      </div>
      {info?.identity && (
        <>
          <h2>Logged-in customers</h2>
          {info.identity.how && <p>{info.identity.how}</p>}
          {info.identity.snippet && (
            <textarea className="code" readOnly rows={3} aria-label="Snippet with identity verification" value={info.identity.snippet} />
          )}
          {info.identity.server_example && (
            <p>
              On your server: <code>{info.identity.server_example}</code>
            </p>
          )}
        </>
      )}
      {info?.pinned?.snippet && (
        <>
          <h2>Pinned to this version</h2>
          <p>
            For a site that checks what it loads (Subresource Integrity): this build of the widget never changes at its address, and the
            browser refuses it if it did. Replace the snippet after each Baton upgrade; the one above follows upgrades on its own.
          </p>
          <textarea className="code" readOnly rows={4} aria-label="Snippet pinned with Subresource Integrity" value={info.pinned.snippet} />
        </>
      )}
      <h2>Options</h2>
      <ul>
        <li>
          <code>data-lang="es"</code>: the interface language (en, es, fr, de); by default the visitor's browser language.
        </li>
        <li>
          <code>data-user-id</code>, <code>data-user-hash</code>, <code>data-name</code>, <code>data-email</code>: identify a logged-in
          customer; the hash is HMAC-SHA256 of the user id with the workspace secret, computed on your server.
        </li>
        <li>
          <code>data-open="true"</code>: open the chat on load. <code>window.Baton.open()</code> opens it from your own button.
        </li>
      </ul>
      <p>
        Try it on the <a href="/demo">demo page</a>.
      </p>
    </section>
  );
}
