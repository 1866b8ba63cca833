// Calls to Lucine's API and its problem+json answers, as both clients read them.
import { PROBLEM_TYPE_PREFIX } from './wire.js';

/**
 * A problem+json document (RFC 7807) as Lucine writes it.
 * @typedef {object} Problem
 * @property {string} [type]
 * @property {string} [title]
 * @property {string} [detail]
 * @property {number} [status]
 * @property {unknown} [errors]
 * @property {Record<string, string[]>} [fieldErrors] the same errors by the field they are in (a versioned document's)
 */

/**
 * What an API call answered. `status` is 0 when nothing came back (network down, server gone):
 * callers decide on retries and messages from the status alone, so a call never rejects.
 * @typedef {object} Answer
 * @property {number} status
 * @property {boolean} ok
 * @property {any} body the JSON body; null when there is none or it is not JSON
 * @property {string | null} retryAfter
 */

/**
 * @param {string} url
 * @param {RequestInit} [init]
 * @returns {Promise<Answer>}
 */
export async function call(url, init) {
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    return { status: 0, ok: false, body: null, retryAfter: null };
  }
  return {
    status: response.status,
    ok: response.ok,
    body: await readJson(response),
    retryAfter: response.headers.get('Retry-After')
  };
}

/**
 * The body as JSON, or null: a 204, a body that is not JSON (a proxy's error page) or one cut
 * short all count as no body.
 * @param {Response} response
 * @returns {Promise<any>}
 */
async function readJson(response) {
  const type = response.headers.get('Content-Type') || '';
  if (response.status === 204 || !type.includes('json')) {
    return null;
  }
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/**
 * Whether `body` is the problem called `name` (its type is `urn:lucine:problem:<name>`).
 * @param {unknown} body
 * @param {string} name
 * @returns {boolean}
 */
export function isProblem(body, name) {
  return isObject(body) && body.type === PROBLEM_TYPE_PREFIX + name;
}

/**
 * The problem's name (`attachment-heic` for `urn:lucine:problem:attachment-heic`); '' when the body is no Lucine problem.
 * @param {unknown} body
 * @returns {string}
 */
export function problemName(body) {
  return isObject(body) && typeof body.type === 'string' && body.type.startsWith(PROBLEM_TYPE_PREFIX) ? body.type.slice(PROBLEM_TYPE_PREFIX.length) : '';
}

/**
 * The problem's own explanation (its detail), when the body is a problem that has one.
 * @param {unknown} body
 * @returns {string | null}
 */
export function problemDetail(body) {
  return isObject(body) && typeof body.detail === 'string' && body.detail ? body.detail : null;
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isObject(value) {
  return typeof value === 'object' && value !== null;
}
