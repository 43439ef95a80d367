import { useState } from 'react';
import { ApiError, errorText, post } from '../api.ts';
import { useWorkspace } from '../workspace.tsx';

/** One click: was the handoff brief useful? (POST /conversations/:id/brief-feedback, for analytics.) */
export function BriefFeedback({ conversationId, handoffId }: { conversationId: string; handoffId: string }) {
  const { me } = useWorkspace();
  const [state, setState] = useState<{ for: string; text: string; error?: boolean } | null>(null);
  const [hidden, setHidden] = useState(false);
  if (me.role === 'viewer' || hidden) return null;
  const shown = state?.for === handoffId ? state : null;
  const rate = async (useful: boolean) => {
    try {
      await post(`/conversations/${encodeURIComponent(conversationId)}/brief-feedback`, { useful });
      setState({ for: handoffId, text: useful ? 'Thanks: marked useful.' : 'Thanks: marked not useful.' });
    } catch (err) {
      if (err instanceof ApiError && err.status === 404 && err.message === 'No such route.') setHidden(true);
      else setState({ for: handoffId, text: errorText(err), error: true });
    }
  };
  return (
    <div className="brief-feedback" role="group" aria-label="Rate the brief">
      <span className="small muted">Was this brief useful?</span>
      <button type="button" onClick={() => void rate(true)}>
        Yes
      </button>
      <button type="button" onClick={() => void rate(false)}>
        No
      </button>
      <span role="status" className={`small ${shown?.error ? 'error' : 'ok'}`}>
        {shown?.text}
      </span>
    </div>
  );
}
