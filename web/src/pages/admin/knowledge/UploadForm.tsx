import { useRef, useState } from 'react';
import { ApiError, post, query } from '../../../api.ts';
import { ADMIN } from '../../../endpoints.ts';
import { Field, missingFile, useAction } from '../../../forms.tsx';
import type { KnowledgeUploaded } from '../../../types.ts';
import { MoreThanShown, SHOWN } from './Warnings.tsx';

// The upload: the chosen files go to the server as they are (name and text), and the server
// reads them with the parsers `baton ingest` uses, so a file gives the same articles either
// way. All or nothing: a refused upload lists every problem, by file and line.

/** One problem of a refused upload, as the API lists them in `error.details`. */
export interface UploadProblem {
  file: string;
  line?: number;
  article?: number;
  message: string;
}

const ACCEPT = '.jsonl,.ndjson,.json,.md,.markdown,.html,.htm';

export function UploadForm({ onUploaded }: { onUploaded: () => void }) {
  const fileRef = useRef<HTMLInputElement | null>(null);
  const [prune, setPrune] = useState(false);
  const [done, setDone] = useState<KnowledgeUploaded | null>(null);
  const act = useAction();
  const submit = () =>
    void act.run(async () => {
      setDone(null);
      const chosen = [...(fileRef.current?.files ?? [])];
      if (chosen.length === 0) throw missingFile('one or more knowledge files');
      const files = await Promise.all(chosen.map(async (f) => ({ name: f.name, text: await f.text() })));
      setDone(await post<KnowledgeUploaded>(`${ADMIN.knowledge}${query({ prune: prune ? 'true' : undefined })}`, { files }));
      if (fileRef.current) fileRef.current.value = '';
      onUploaded();
    });
  const problems =
    act.error instanceof ApiError && Array.isArray(act.error.details) ? (act.error.details as UploadProblem[]).filter((p) => p?.file) : [];
  return (
    <form
      className="admin-form"
      aria-label="Upload knowledge"
      onSubmit={(ev) => {
        ev.preventDefault();
        submit();
      }}
    >
      <h2>Upload</h2>
      <Field
        label="Knowledge files"
        hint={
          <>
            JSONL (one article a line: <code>{'{"id", "title", "body", "url"?, "locale"?, "tags"?, "examples"?}'}</code>), JSON (a list of
            articles or a Zendesk Help Center export), Markdown or HTML (one article a file; its headings cut it into passages). The same
            files give the same articles with <code>baton ingest</code>.
          </>
        }
        error={act.errs.file}
      >
        <input ref={fileRef} type="file" multiple accept={ACCEPT} />
      </Field>
      <label className="check">
        <input type="checkbox" checked={prune} onChange={(e) => setPrune(e.target.checked)} /> Delete articles that are not in these files
      </label>
      {act.error != null && !act.errs.file && <Refused error={act.error} problems={problems} again="upload" />}
      <div className="action-row">
        <button type="submit" className="primary" disabled={act.busy}>
          {act.busy ? 'Uploading…' : 'Upload'}
        </button>
      </div>
      {done && (
        <p role="status" className="ok">
          Upload done: {done.summary.added} added, {done.summary.updated} updated, {done.summary.unchanged} unchanged,{' '}
          {done.summary.deleted} deleted.
        </p>
      )}
    </form>
  );
}

const where = (p: UploadProblem) =>
  [p.file, p.line !== undefined ? `line ${p.line}` : null, p.article !== undefined ? `article ${p.article}` : null]
    .filter(Boolean)
    .join(', ');

/** A refused file: the server's message, then every problem by where it is, to fix before trying `again`. */
export function Refused({ error, problems, again }: { error: unknown; problems: UploadProblem[]; again: string }) {
  return (
    <div role="alert" className="error upload-problems">
      <p>
        <strong>{error instanceof Error ? error.message : String(error)}</strong>
        {problems.length > 0 && ` Fix these and ${again} again:`}
      </p>
      {problems.length > 0 && <ProblemList problems={problems} />}
    </div>
  );
}

function ProblemList({ problems }: { problems: UploadProblem[] }) {
  return (
    <>
      <div className="table-wrap">
        <table aria-label="Upload problems">
          <thead>
            <tr>
              <th scope="col">Where</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {problems.slice(0, SHOWN).map((p, i) => (
              <tr key={i}>
                <td className="nowrap">{where(p)}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <MoreThanShown count={problems.length} />
    </>
  );
}
