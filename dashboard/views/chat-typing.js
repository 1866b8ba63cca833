// Typing in the open chat, both ways: the operator's keystrokes told to the visitor (only while
// realtime is connected, as the visitor's widget shows it only through its own), and the
// visitor's shown under the timeline.
import { api } from '../api.js';
import { $, show } from '../dom.js';

/** @typedef {import('../../widget/client/realtime.js').Realtime} Realtime */

const TYPING_REPEAT_MS = 3000;       // while the operator keeps typing, "typing" is re-sent at most this often
const TYPING_IDLE_MS = 4000;         // no keystroke for this long: "stopped typing"
const VISITOR_TYPING_MAX_MS = 10000; // hide "visitor is typing" if the stop never arrives

const indicator = $('typing');

/** @type {Realtime | null} */
let hub = null;

/**
 * Realtime, whose connection says whether the operator's typing is worth telling.
 * @param {Realtime} realtime
 */
export function useHub(realtime) {
  hub = realtime;
}

/**
 * Tells the chat's visitor that the operator is typing (or stopped); a lost one is not retried.
 * @param {string} sessionId
 * @param {boolean} isTyping
 */
function tellTyping(sessionId, isTyping) {
  if (hub?.connected) {
    api('POST', '/api/operator/chats/' + encodeURIComponent(sessionId) + '/typing', { isTyping }).catch(() => {});
  }
}

// The operator's typing, told to the visitor.
const typing = { sessionId: /** @type {string | null} */ (null), active: false, sentAt: 0, timer: /** @type {ReturnType<typeof setTimeout> | undefined} */ (undefined) };

/**
 * A keystroke in the composer of the chat `sessionId`, whose visitor may be told.
 * @param {string} sessionId
 */
export function operatorTyped(sessionId) {
  const now = Date.now();
  if (typing.sessionId !== sessionId) {
    stopTyping();
  }
  if (!typing.active || now - typing.sentAt >= TYPING_REPEAT_MS) {
    typing.sessionId = sessionId;
    typing.active = true;
    typing.sentAt = now;
    tellTyping(sessionId, true);
  }
  clearTimeout(typing.timer);
  typing.timer = setTimeout(stopTyping, TYPING_IDLE_MS);
}

export function stopTyping() {
  clearTimeout(typing.timer);
  if (typing.active && typing.sessionId) {
    tellTyping(typing.sessionId, false);
  }
  typing.active = false;
  typing.sessionId = null;
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let visitorTypingTimer;

/** @param {boolean} on */
export function showVisitorTyping(on) {
  clearTimeout(visitorTypingTimer);
  show(indicator, on);
  if (on) {
    visitorTypingTimer = setTimeout(() => show(indicator, false), VISITOR_TYPING_MAX_MS);
  }
}
