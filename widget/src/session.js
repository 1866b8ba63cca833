// The visitor's session, kept in localStorage so that the conversation survives a reload.

const STORAGE_KEY = 'lucine.chat.v1';

/**
 * `status` only decides whether the chat reopens at load.
 * @typedef {object} StoredSession
 * @property {string} sessionId
 * @property {string} sessionToken
 * @property {string | null} [status]
 */

/** @returns {StoredSession | null} */
export function loadSession() {
  try {
    const value = JSON.parse(localStorage.getItem(STORAGE_KEY) || 'null');
    return value && typeof value.sessionId === 'string' && typeof value.sessionToken === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** @param {StoredSession | null} session */
export function storeSession(session) {
  try {
    if (session) {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    } else {
      localStorage.removeItem(STORAGE_KEY);
    }
  } catch {
    // Private mode without storage: the conversation lasts as long as the page.
  }
}
