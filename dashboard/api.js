// The operator API: every call carries the operator's token, and a 401 on it means the token is
// no longer valid (expired, or revoked by a logout elsewhere): the console goes back to the login.
import { call, problemName } from '../widget/client/api.js';
import { PROBLEM_TYPE_PREFIX } from '../widget/client/wire.js';
import { toast } from './dom.js';
import { saveBlob } from '../widget/client/dom.js';
import { TEXT, fill } from './i18n/text.js';
import { state } from './state.js';

/** @typedef {import('../widget/client/api.js').Problem} Problem */

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
 * The problem in the console's language, by its type: the server's detail is English, for
 * developers, and never shown. A type the console does not know is described by its status; the
 * problem's own fields fill the sentence's placeholders ({currentVersion}).
 * @param {number} status
 * @param {Problem | null} problem
 */
function describeProblem(status, problem) {
  const slug = problemName(problem);
  /** @type {Readonly<Record<string, string>>} */
  const problems = TEXT.problems;
  if (Object.hasOwn(problems, slug)) {
    return fill(problems[slug], problem || {});
  }
  const byStatus = TEXT.problemByStatus;
  if (status === 0) { return byStatus.none; }
  if (status === 400 || status === 403 || status === 404 || status === 409 || status === 412 || status === 429) { return byStatus[status]; }
  return fill(status >= 500 ? byStatus.server : byStatus.other, { status });
}

/**
 * One of the server's errors on an editor's field (a problem's `fieldErrors`): a stable code with
 * the values its sentence names, and the English message for those the console has no words for.
 * @typedef {{ code?: string, message?: string, args?: Record<string, string> }} FieldError
 */

/**
 * The server's errors on one field, in the console's language by their code (a newer server's code: its English message).
 * @param {unknown} errors
 * @returns {string[]}
 */
export function fieldErrorTexts(errors) {
  /** @type {Readonly<Record<string, string>>} */
  const known = TEXT.fieldErrors;
  return (Array.isArray(errors) ? errors : []).map((/** @type {FieldError} */ error) =>
    error.code && Object.hasOwn(known, error.code) ? fill(known[error.code], error.args || {}) : String(error.message || ''));
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
 * @property {boolean} [raw] the body is a file's bytes (a Blob), sent as they are with the Content-Type of `headers`
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
  if (body !== undefined && !options.raw) {
    headers['Content-Type'] = 'application/json';
  }
  Object.assign(headers, options.headers);
  const token = state.token;
  if (!options.anonymous) {
    if (!token) {
      throw new ApiError(401, { type: PROBLEM_TYPE_PREFIX + 'invalid-operator-token' });
    }
    headers.Authorization = 'Bearer ' + token;
  }
  const answer = await call(path, {
    method,
    headers,
    body: body === undefined ? undefined : options.raw ? /** @type {Blob} */ (body) : options.text ? String(body) : JSON.stringify(body),
    cache: 'no-store'
  });
  if (answer.ok) {
    return answer.body;
  }
  throw refusal(answer, options.anonymous ? null : token);
}

/**
 * A failed call as an ApiError; a 401 on the token still in use sends the console back to the login.
 * @param {{ status: number, body: any, retryAfter?: string | null }} answer
 * @param {string | null | undefined} token the token the call carried
 */
function refusal(answer, token) {
  if (answer.status === 401 && token && token === state.token) {
    unauthorized(TEXT.sessionExpired);
  }
  return new ApiError(answer.status, answer.body, answer.retryAfter);
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


/**
 * A file the server writes (a CSV) needs the token, which a plain link cannot send: it is fetched
 * here and handed to the browser as a download, under the server's file name.
 * @param {string} path
 * @param {string} fallbackName when the server names none
 * @returns {Promise<void>} rejects with an ApiError
 */
export async function downloadFile(path, fallbackName) {
  const token = state.token;
  let response;
  try {
    response = await fetch(path, { headers: { Authorization: 'Bearer ' + (token || '') }, cache: 'no-store' });
  } catch {
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    const problem = (response.headers.get('Content-Type') || '').includes('json') ? await response.json().catch(() => null) : null;
    throw refusal({ status: response.status, body: problem }, token);
  }
  const disposition = response.headers.get('Content-Disposition') || '';
  saveBlob(await response.blob(), (/filename="([^"]+)"/.exec(disposition) || [])[1] || fallbackName);
}
