// Each chat's unsent text, kept while the operator moves between their chats, and across a reload
// of the tab (sessionStorage, like the login): closing the tab forgets them.

const STORAGE_KEY = 'lucine.drafts.v1';

/** @type {Map<string, string>} */
const drafts = new Map(read());

/** @returns {[string, string][]} */
function read() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || '{}');
    return Object.entries(saved && typeof saved === 'object' ? saved : {}).filter((entry) => typeof entry[1] === 'string');
  } catch {
    return [];
  }
}

function write() {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(Object.fromEntries(drafts)));
  } catch {
    // Storage unavailable: the drafts last as long as the page.
  }
}

/** @param {string} sessionId */
export function draftOf(sessionId) {
  return drafts.get(sessionId) || '';
}

/**
 * @param {string} sessionId
 * @param {string} text an empty text forgets the draft
 */
export function keepDraft(sessionId, text) {
  if (text) {
    drafts.set(sessionId, text);
  } else {
    drafts.delete(sessionId);
  }
  write();
}

/** Logged out: nothing of the last operator's stays. */
export function forgetDrafts() {
  drafts.clear();
  write();
}
