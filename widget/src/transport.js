// The visitor chat API, as the widget calls it.
import { call } from '../client/api.js';
import { fetchAttachment } from '../client/attachments.js';
import { SESSION_TOKEN_HEADER } from '../client/wire.js';

/** @typedef {import('../client/api.js').Answer} Answer */
/** @typedef {import('./session.js').StoredSession} StoredSession */
/** @typedef {import('./context.js').VisitorContext} VisitorContext */
/** @typedef {import('./context.js').VisitorPage} VisitorPage */

const RETRIES = 3;

/**
 * @param {StoredSession | null} session
 * @returns {Record<string, string>}
 */
function headers(session) {
  /** @type {Record<string, string>} */
  const result = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
  if (session) {
    result[SESSION_TOKEN_HEADER] = session.sessionToken;
  }
  return result;
}

/** @param {number} ms */
function delay(ms) {
  return new Promise((resolve) => { setTimeout(resolve, ms); });
}

/**
 * POST /api/chat, retried on network errors and 5xx with the same client message id: the server
 * keeps one exchange per id, so a flaky network never produces a duplicate or a lost message.
 * @param {string} api
 * @param {StoredSession | null} session
 * @param {Record<string, string>} content `message` or `action`
 * @param {string} clientMessageId
 * @param {() => VisitorContext} context where the visitor is, sent with a session's first input
 * @returns {Promise<Answer>}
 */
export async function postChat(api, session, content, clientMessageId, context) {
  const body = JSON.stringify({ clientMessageId, ...content, ...(session ? { sessionId: session.sessionId } : { context: context() }) });
  for (let attempt = 0; ; attempt++) {
    const answer = await call(api + '/api/chat', { method: 'POST', headers: headers(session), body });
    if ((answer.status === 0 || answer.status >= 500) && attempt < RETRIES) {
      await delay(500 * 2 ** attempt);
    } else {
      return answer;
    }
  }
}

/**
 * One page of the session's messages numbered after `after`, and what the server says of the session.
 * @param {string} api
 * @param {StoredSession} session
 * @param {number} after
 * @returns {Promise<Answer>}
 */
export function getMessages(api, session, after) {
  return call(api + '/api/chat/' + encodeURIComponent(session.sessionId) + '/messages?after=' + after, { headers: headers(session) });
}

/**
 * Trades a ticket's resume token for its conversation's credentials.
 * @param {string} api
 * @param {string} token
 * @returns {Promise<Answer>}
 */
export function postResume(api, token) {
  return call(api + '/api/tickets/resume', { method: 'POST', headers: headers(null), body: JSON.stringify({ token }) });
}

/**
 * Tells the operator in charge that the visitor is typing (or stopped); a lost one is not retried.
 * @param {string} api
 * @param {StoredSession} session
 * @param {boolean} isTyping
 * @returns {Promise<Answer>}
 */
export function postTyping(api, session, isTyping) {
  return call(api + '/api/chat/' + encodeURIComponent(session.sessionId) + '/typing', { method: 'POST', headers: headers(session), body: JSON.stringify({ isTyping }) });
}

/**
 * Tells the session the page the visitor has open now; a lost one is not retried.
 * @param {string} api
 * @param {StoredSession} session
 * @param {VisitorPage} page
 * @returns {Promise<Answer>}
 */
export function postPage(api, session, page) {
  return call(api + '/api/chat/' + encodeURIComponent(session.sessionId) + '/page', { method: 'POST', headers: headers(session), body: JSON.stringify(page) });
}

/**
 * Sends a file as the visitor's message: its bytes as they are, its name (and the client message
 * id, which makes a retry safe) in the query. The server finds its type from the bytes.
 * @param {string} api
 * @param {StoredSession} session
 * @param {File} file
 * @param {string} clientMessageId
 * @returns {Promise<Answer>}
 */
export function postAttachment(api, session, file, clientMessageId) {
  const query = '?name=' + encodeURIComponent(file.name) + '&clientMessageId=' + encodeURIComponent(clientMessageId);
  return call(attachmentsUrl(api, session) + query, {
    method: 'POST',
    headers: { 'Content-Type': file.type || 'application/octet-stream', 'Accept': 'application/json', [SESSION_TOKEN_HEADER]: session.sessionToken },
    body: file
  });
}

/**
 * An attachment of the session's conversation, with the session token (never in the URL).
 * @param {string} api
 * @param {StoredSession} session
 * @param {string} id
 * @returns {Promise<Blob | null>}
 */
export function getAttachment(api, session, id) {
  return fetchAttachment(attachmentsUrl(api, session) + '/' + encodeURIComponent(id), { [SESSION_TOKEN_HEADER]: session.sessionToken });
}

/**
 * @param {string} api
 * @param {StoredSession} session
 */
function attachmentsUrl(api, session) {
  return api + '/api/chat/' + encodeURIComponent(session.sessionId) + '/attachments';
}

/**
 * The widget's settings (GET /api/widget/settings): the privacy notice to link, if any.
 * @param {string} api
 * @returns {Promise<Answer>}
 */
export function getSettings(api) {
  return call(api + '/api/widget/settings', { headers: { 'Accept': 'application/json' } });
}
