import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERROR_CATALOGUE, errorBody, type ErrorCode } from '../../errors.ts';
import { isConnectionLost } from '../../db/errors.ts';
import { emptyPatch } from './input.ts';

// Every failure leaves the API in the catalogue's shape: {"error": {"code", "message", "details"?}}.
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_request',
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send(errorBody(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({
        path: `${error.validationContext ?? ''}${v.instancePath}`,
        message: v.message,
      }));
      const first = details[0];
      return reply
        .status(400)
        .send(errorBody('invalid_request', first ? `${first.path || 'request'}: ${first.message}` : 'The request is not valid.', details));
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return reply.status(ERROR_CATALOGUE[mapped].status).send(errorBody(mapped, ERROR_CATALOGUE[mapped].message));
    if (error.statusCode === 429) return reply.status(429).send(errorBody('rate_limited', ERROR_CATALOGUE.rate_limited.message));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(errorBody('invalid_request', error.message));
    }
    // The database went away mid-request (a restart): worth trying again shortly, not a bug.
    if (isConnectionLost(error)) {
      request.log.warn({ err: error }, 'database connection lost during the request');
      return reply
        .status(503)
        .header('retry-after', '1')
        .send(errorBody('unavailable', 'The database is restarting; try again in a moment.'));
    }
    if (emptyPatch(request)) {
      return reply
        .status(400)
        .send(
          errorBody('invalid_request', 'body: name at least one field to change', [
            { path: 'body', message: 'name at least one field to change' },
          ]),
        );
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody('internal', ERROR_CATALOGUE.internal.message));
  });
  app.setNotFoundHandler((_request, reply) => reply.status(404).send(errorBody('not_found', 'No such route.')));
}
