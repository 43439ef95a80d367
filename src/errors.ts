// One catalogue of error codes for the API, the web app, the widget and the CLI.
// Each code maps to one HTTP status here and nowhere else (docs/api.md lists them).
export const ERROR_CATALOGUE = {
  invalid_request: { status: 400, message: 'The request is not valid.' },
  invalid_json: { status: 400, message: 'The request body is not valid JSON.' },
  unauthenticated: { status: 401, message: 'Authentication is required.' },
  invalid_credentials: { status: 401, message: 'E-mail or password is wrong.' },
  workspace_required: { status: 400, message: 'This e-mail and password fit agents of several workspaces: name the workspace.' },
  invalid_identity: { status: 401, message: 'The user hash does not match the user id.' },
  forbidden: { status: 403, message: 'You may not do this.' },
  not_found: { status: 404, message: 'Not found, or no access.' },
  illegal_transition: { status: 409, message: 'The conversation cannot make this move from its current status.' },
  conversation_closed: { status: 409, message: 'The conversation is closed.' },
  conflict: { status: 409, message: 'The request conflicts with the current state.' },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, message: 'Send JSON (Content-Type: application/json).' },
  rate_limited: { status: 429, message: 'Too many requests; slow down.' },
  internal: { status: 500, message: 'Something went wrong on our side.' },
  unavailable: { status: 503, message: 'The service is not ready.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? ERROR_CATALOGUE[code].message);
    this.status = ERROR_CATALOGUE[code].status;
  }
}

export function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}
