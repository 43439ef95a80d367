import { useState } from 'react';
import { ConfirmButton, FormError, useAction } from '../../../forms.tsx';
import type { ActionsView, ToolDefinition } from '../../../types.ts';
import type { ActionsDoc } from './doc.ts';
import { pretty } from './doc.ts';
import { ProblemList } from './JsonEditor.tsx';
import { JsonPartForm } from './JsonPartForm.tsx';
import { documentProblems } from './problems.ts';
import { ToolTest } from './ToolTest.tsx';
import { typeOf } from './schema-words.ts';

export const KindBadge = ({ kind }: { kind: ToolDefinition['kind'] }) =>
  kind === 'write' ? (
    <span className="badge kind-write" title="Changes the company's data">
      write
    </span>
  ) : (
    <span className="badge kind-read" title="Only reads">
      read
    </span>
  );

/** Identity, owner, verification, auth and deadline of a tool, in words. */
function settings(t: ToolDefinition): string[] {
  const out: string[] = [];
  if (t.identityArg) out.push(`runs only for the verified customer (${t.identityArg})`);
  if (t.ownerField) out.push(`withholds other accounts' records (${t.ownerField})`);
  if (t.ownerLookup) out.push(`checks the record is the customer's first (${t.ownerLookup})`);
  if (t.verifies) out.push(`verifies the customer (${t.verifies.resultField || 'whole result'})`);
  out.push(t.auth ? (t.auth.type === 'bearer' ? 'secret as bearer token' : `secret in ${t.auth.header}`) : 'no secret sent');
  out.push(`timeout ${t.timeoutMs / 1000} s`);
  return out;
}

type Open = { tool: string; what: 'details' | 'edit' | 'test' } | null;

/** The tools, each with its details, an editor, a test form and removal. */
export function ToolList(props: { view: ActionsView; doc: ActionsDoc; onNotice: (t: string) => void; onImport: () => void }) {
  const { view, doc, onNotice } = props;
  const [open, setOpen] = useState<Open>(null);
  const list = useAction();
  const tools = view.config.tools;
  const toggle = (tool: string, what: 'details' | 'edit' | 'test') =>
    setOpen(open?.tool === tool && open.what === what ? null : { tool, what });
  return (
    <div className="actions-tools">
      <h2>Tools ({tools.length})</h2>
      <FormError action={list} />
      <ProblemList problems={documentProblems(list.error)} label="The document would not be valid without it:" />
      {tools.length === 0 && (
        <div className="empty-state">
          <p className="muted">
            No tools yet. Import them from your API&apos;s OpenAPI document, then try each one here before a playbook uses it.
          </p>
          <button type="button" onClick={props.onImport}>
            Import from OpenAPI
          </button>
        </div>
      )}
      <ul className="card-list">
        {tools.map((t, i) => (
          <li key={t.name} className="card tool-card">
            <div className="card-head">
              <h3 className="wrap">
                {t.name} <KindBadge kind={t.kind} />
              </h3>
              <div className="action-row">
                {(['details', 'test', 'edit'] as const).map((what) => (
                  <button
                    key={what}
                    type="button"
                    aria-expanded={open?.tool === t.name && open.what === what}
                    onClick={() => toggle(t.name, what)}
                  >
                    {what === 'details' ? 'Details' : what === 'test' ? 'Test' : 'Edit'}
                    <span className="sr-only"> {t.name}</span>
                  </button>
                ))}
                <ConfirmButton
                  label="Remove"
                  what={t.name}
                  disabled={list.busy}
                  onConfirm={() =>
                    void list.run(async () => {
                      await doc.save({ ...view.config, tools: tools.filter((_, j) => j !== i) });
                      onNotice(`Tool ${t.name} removed.`);
                    })
                  }
                />
              </div>
            </div>
            <p className="tool-route">
              <code>
                {t.method} {t.path}
              </code>
              {t.description && <span className="muted small"> {t.description}</span>}
            </p>
            <p className="small muted">{settings(t).join(' · ')}</p>
            {open?.tool === t.name && open.what === 'details' && <ToolDetails tool={t} />}
            {open?.tool === t.name && open.what === 'test' && <ToolTest tool={t} />}
            {open?.tool === t.name && open.what === 'edit' && (
              <ToolEditor
                tool={t}
                index={i}
                view={view}
                doc={doc}
                onDone={(text) => {
                  setOpen(null);
                  if (text) onNotice(text);
                }}
              />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The input schema as a table, and the result fields kept. */
function ToolDetails({ tool }: { tool: ToolDefinition }) {
  const props = Object.entries(tool.input.properties);
  const required = new Set(tool.input.required);
  return (
    <div className="tool-details">
      <h4>Input</h4>
      {props.length === 0 ? (
        <p className="muted small">No arguments.</p>
      ) : (
        <div className="table-wrap">
          <table aria-label={`Input of ${tool.name}`}>
            <thead>
              <tr>
                <th scope="col">Argument</th>
                <th scope="col">Type</th>
                <th scope="col">Required</th>
                <th scope="col">Description</th>
              </tr>
            </thead>
            <tbody>
              {props.map(([name, schema]) => (
                <tr key={name}>
                  <td>
                    <code>{name}</code>
                  </td>
                  <td>{typeOf(schema)}</td>
                  <td>{required.has(name) ? 'yes' : 'no'}</td>
                  <td className="wrap">{typeof schema.description === 'string' ? schema.description : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h4>Output</h4>
      {tool.output?.length ? (
        <p className="small">
          Keeps only:{' '}
          {tool.output.map((f) => (
            <code key={f} className="chip">
              {f}
            </code>
          ))}
        </p>
      ) : (
        <p className="muted small">Keeps the whole result.</p>
      )}
    </div>
  );
}

/** The tool as JSON; saved into the document, the API's problems placed on their lines. */
function ToolEditor(props: {
  tool: ToolDefinition;
  index: number;
  view: ActionsView;
  doc: ActionsDoc;
  onDone: (t: string | null) => void;
}) {
  const [text, setText] = useState(pretty(props.tool));
  const act = useAction();
  return (
    <JsonPartForm
      label={`Edit ${props.tool.name}`}
      editorLabel={`Tool ${props.tool.name} (JSON)`}
      value={text}
      onChange={setText}
      at={['tools', String(props.index)]}
      action={act}
      submit="Save tool"
      errorBesideProblemsElsewhere
      onSave={(value) => {
        const tools = props.view.config.tools.map((t, j) => (j === props.index ? (value as ToolDefinition) : t));
        void act.run(async () => {
          await props.doc.save({ ...props.view.config, tools });
          props.onDone(`Tool ${(value as ToolDefinition).name ?? props.tool.name} saved.`);
        });
      }}
      onCancel={() => props.onDone(null)}
    />
  );
}
