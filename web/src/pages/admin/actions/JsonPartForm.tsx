import { useState } from 'react';
import { FormError, type Action } from '../../../forms.tsx';
import { JsonEditor, parseJson, ProblemList } from './JsonEditor.tsx';
import { documentProblems, outside, problemsUnder } from './problems.ts';

/**
 * The form that edits one part of the actions document (the part at `at`) as JSON: it parses
 * the text and hands the value to `onSave`; the API's problems about the part stand on their
 * lines, those about the rest of the document under the field, any other error after them.
 */
export function JsonPartForm(props: {
  label: string;
  editorLabel: string;
  value: string;
  onChange: (text: string) => void;
  at: string[];
  action: Action;
  submit: string;
  rows?: number;
  /** Also show the server's message when every problem is elsewhere in the document (the tool editor). */
  errorBesideProblemsElsewhere?: boolean;
  onSave: (value: unknown) => void;
  onCancel: () => void;
}) {
  const [syntax, setSyntax] = useState<string | null>(null);
  const { action, at } = props;
  const all = documentProblems(action.error);
  const here = problemsUnder(all, at);
  return (
    <form
      className="admin-form"
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = parseJson(props.value);
        setSyntax(parsed.ok ? null : parsed.message);
        if (parsed.ok) props.onSave(parsed.value);
      }}
    >
      <JsonEditor
        label={props.editorLabel}
        value={props.value}
        onChange={props.onChange}
        problems={here}
        syntax={syntax}
        rows={props.rows}
      />
      <ProblemList problems={outside(all, at)} label="Elsewhere in the document:" />
      {(props.errorBesideProblemsElsewhere ? here : all).length === 0 && <FormError action={action} />}
      <div className="action-row">
        <button type="submit" className="primary" disabled={action.busy}>
          {action.busy ? 'Saving…' : props.submit}
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
