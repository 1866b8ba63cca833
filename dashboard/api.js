// The operator API: every call carries the operator's token, and a 401 on it means the token is
// no longer valid (expired, or revoked by a logout elsewhere): the console goes back to the login.
import { call, problemDetail } from '../widget/client/api.js';
import { toast } from './dom.js';
import { state } from './state.js';

/** @typedef {import('../widget/client/api.js').Problem} Problem */

export const SESSION_EXPIRED = 'La sessione è scaduta: accedi di nuovo.';
export const NO_SERVER = 'Lucine non risponde: riprova tra poco.';

export class ApiError extends Error {
  /**
   * @param {number} status 0 when the server did not answer
   * @param {Problem | null} problem
   * @param {string | null} [retryAfter]
   */
  constructor(status, problem, retryAfter) {
    super(describeProblem(status, problem));
    this.status = status;
    /** @type {Problem} */
    this.problem = problem || {};
    this.retryAfter = retryAfter || null;
  }
}

/**
 * The problem's own words when it has them.
 * @param {number} status
 * @param {Problem | null} problem
 */
function describeProblem(status, problem) {
  const text = problemDetail(problem) || (problem && problem.title);
  if (text) {
    return text;
  }
  return status === 0 ? NO_SERVER : 'Errore ' + status + '.';
}

/** @type {(message: string) => void} */
let unauthorized = () => {};

/**
 * What to do when the token is refused.
 * @param {(message: string) => void} handler
 */
export function onUnauthorized(handler) {
  unauthorized = handler;
}

/**
 * @typedef {object} ApiOptions
 * @property {boolean} [anonymous] without the token (the login)
 * @property {boolean} [text] the body is sent exactly as written (a JSON document whose errors the server points into)
 * @property {Record<string, string>} [headers]
 */

/**
 * Calls the API. Resolves with the parsed body (null for 204), rejects with an ApiError.
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @param {ApiOptions} [options]
 * @returns {Promise<any>}
 */
export async function api(method, path, body, options = {}) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  Object.assign(headers, options.headers);
  const token = state.token;
  if (!options.anonymous) {
    if (!token) {
      throw new ApiError(401, { detail: SESSION_EXPIRED });
    }
    headers.Authorization = 'Bearer ' + token;
  }
  const answer = await call(path, {
    method,
    headers,
    body: body === undefined ? undefined : options.text ? String(body) : JSON.stringify(body),
    cache: 'no-store'
  });
  if (answer.ok) {
    return answer.body;
  }
  if (answer.status === 401 && !options.anonymous && token && token === state.token) {
    unauthorized(SESSION_EXPIRED);
  }
  throw new ApiError(answer.status, answer.body, answer.retryAfter);
}

/**
 * Shows a failed call's problem in `where`, or as a toast; a 401 needs nothing more (the console
 * is back at the login), and anything that is not an API error is a bug, for the console.
 * @param {unknown} error
 * @param {HTMLElement} [where]
 */
export function reportError(error, where) {
  if (!(error instanceof ApiError)) {
    console.error(error);
    return;
  }
  if (error.status === 401) {
    return;
  }
  if (where) {
    where.textContent = error.message;
    where.hidden = false;
  } else {
    toast(error.message, 'error');
  }
}

