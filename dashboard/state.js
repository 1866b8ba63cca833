// What the console knows of the logged-in operator and the open chat, shared by its views; each
// view keeps what only it needs to itself.

const STORAGE_KEY = 'lucine.operator.v1';

/**
 * An operator as the API describes one.
 * @typedef {object} Operator
 * @property {string} username
 * @property {string} [displayName]
 * @property {string} [avatar]
 * @property {string} [role]
 * @property {string} [availability]
 * @property {number} [activeChats]
 * @property {number} [capacity]
 */

/**
 * The open chat's detail, without its messages and notes.
 * @typedef {object} OpenChat
 * @property {string} sessionId
 * @property {string} [status]
 * @property {string | null} [outcome]
 * @property {Operator | null} [operator]
 * @property {string} [language]
 * @property {string} [startedAt]
 * @property {{ position: number, estimatedWaitMinutes?: number | null } | null} [queue]
 */

export const state = {
  /** @type {string | null} */
  token: null,
  /** @type {string | null} */
  expiresAt: null,
  /** @type {Operator | null} */
  operator: null,
  /** @type {string | null} */
  openId: null,
  /** @type {OpenChat | null} */
  open: null,
  /** The open ticket's number. @type {string | null} */
  ticketNumber: null,
  /** Session ids with a "first response due" alert. @type {Set<string>} */
  alerts: new Set(),
  /** Session ids with messages the operator has not seen. @type {Set<string>} */
  unread: new Set(),
  /** Session ids just assigned to this operator. @type {Set<string>} */
  fresh: new Set(),
  /** The section on screen. @type {'chats' | 'tickets' | 'conversations' | 'sink' | 'knowledge'} */
  view: 'chats'
};

/** Kept in sessionStorage: a reload keeps the login, closing the tab ends it. */
export function saveSession() {
  try {
    if (state.token) {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ token: state.token, expiresAt: state.expiresAt, operator: state.operator }));
    } else {
      sessionStorage.removeItem(STORAGE_KEY);
    }
  } catch {
    // Storage unavailable: the session lasts as long as the page.
  }
}

/** @returns {{ token: string, expiresAt: string | null, operator: Operator | null } | null} */
export function loadSavedSession() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
    if (!saved || typeof saved.token !== 'string' || !saved.token) {
      return null;
    }
    if (saved.expiresAt && new Date(saved.expiresAt).getTime() <= Date.now()) {
      sessionStorage.removeItem(STORAGE_KEY);
      return null;
    }
    return saved;
  } catch {
    return null;
  }
}

export function isAdmin() {
  return !!state.operator && state.operator.role === 'admin';
}

export function isSupervisor() {
  return !!state.operator && (state.operator.role === 'supervisor' || state.operator.role === 'admin');
}

/** @param {{ operator?: Operator | null } | null} chat */
export function isMine(chat) {
  return !!(chat && chat.operator && state.operator && chat.operator.username === state.operator.username);
}
