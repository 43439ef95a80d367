import { href, onLinkClick } from '../router.ts';

/** A mistyped workspace address: say so, rather than quietly showing another page. */
export function NotFound({ path, back = '/' }: { path: string; back?: string }) {
  return (
    <div className="centered" role="alert">
      <h1>Page not found</h1>
      <p>
        There is no page at <code>/app{path}</code>.
      </p>
      <p>
        <a href={href(back)} onClick={onLinkClick(back)}>
          {back === '/' ? 'Go to the inbox' : 'Back to admin'}
        </a>
      </p>
    </div>
  );
}
