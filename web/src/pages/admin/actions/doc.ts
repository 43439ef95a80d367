import { put } from '../../../api.ts';
import { useResource, type Resource } from '../../../hooks.ts';
import { ADMIN } from '../../../endpoints.ts';
import type { ActionsConfig, ActionsView } from '../../../types.ts';

// The workspace's actions document as the admin pages share it: loaded once per page, every
// change saved whole (PUT), the API checking the document and listing every problem.

export interface ActionsDoc {
  res: Resource<ActionsView>;
  reload: () => void;
  /** Saves a changed document (throws the API's refusal, problems in its details); reloads after. */
  save: (config: ActionsConfig, allowPrivateNetwork?: boolean) => Promise<ActionsView>;
}

export function useActionsDoc(): ActionsDoc {
  const [res, reload] = useResource<ActionsView>(ADMIN.actions);
  return {
    res,
    reload,
    save: async (config, allowPrivateNetwork) => {
      const view = await put<ActionsView>(ADMIN.actions, { config, allowPrivateNetwork });
      reload();
      return view;
    },
  };
}

/** Pretty JSON for an editor. */
export const pretty = (v: unknown): string => JSON.stringify(v, null, 2);
