/** vLLM's error bodies, in the two shapes clients meet in the wild. */
import type { ErrorShape } from './options.js';

/** An error the mock answers with; `type` defaults from the status like vLLM's create_error_response. */
export class MockHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string = errorType(status),
  ) {
    super(message);
    this.name = 'MockHttpError';
  }
}

/**
 * vLLM's FastAPI request-validation handler (bad JSON, missing fields, wrong content type) labels
 * errors with the HTTP phrase, unlike the engine's own checks ("BadRequestError").
 */
export const REQUEST_VALIDATION_TYPE = 'Bad Request';

const TYPES: Readonly<Record<number, string>> = {
  400: 'BadRequestError',
  401: 'UnauthorizedError',
  404: 'NotFoundError',
  429: 'RateLimitError',
  500: 'InternalServerError',
  503: 'ServiceUnavailableError',
};

function errorType(status: number): string {
  return TYPES[status] ?? (status >= 500 ? 'InternalServerError' : 'BadRequestError');
}

export function errorBody(error: MockHttpError, shape: ErrorShape): string {
  const info = { message: error.message, type: error.type, param: null, code: error.status };
  return JSON.stringify(shape === 'nested' ? { error: info } : { object: 'error', ...info });
}
