// An ended conversation, read-only: its messages and internal notes in time order, with the
// visitor's context and earlier conversations (each opens here in turn).
import { reportError, api } from '../api.js';
import { $, label, moment, shortId, show } from '../dom.js';
import { TEXT } from '../i18n/text.js';
import { renderContext } from './context.js';
import { showRating } from './rating.js';
import { Timeline, chatPath } from './timeline.js';

const ui = {
  placeholder: $('transcript-placeholder'), body: $('transcript-body'), title: $('transcript-title'),
  status: $('transcript-status'), meta: $('transcript-meta'), hint: $('transcript-hint'),
  error: $('transcript-error'), context: $('transcript-context'), messages: $('transcript-messages'), rating: $('transcript-rating')
};

const timeline = new Timeline(ui.messages, () => chatPath(ui.body.dataset.sessionId));
/** Only the newest request is shown. */
let generation = 0;

/**
 * Shows a conversation's transcript (GET /api/operator/chats/{id} answers for ended chats too).
 * @param {string} sessionId
 * @returns {Promise<void>}
 */
export async function openTranscript(sessionId) {
  const current = ++generation;
  timeline.clear();
  show(ui.placeholder, false);
  show(ui.body, true);
  show(ui.error, false);
  show(ui.context, false);
  showRating(ui.rating, null);
  ui.body.dataset.sessionId = sessionId;
  ui.title.textContent = TEXT.conversations.visitor + ' ' + shortId(sessionId);
  ui.title.title = sessionId;
  ui.status.textContent = '…';
  ui.meta.textContent = '';
  ui.hint.textContent = '';
  try {
    const detail = await api('GET', '/api/operator/chats/' + encodeURIComponent(sessionId));
    if (current !== generation || !detail) {
      return;
    }
    ui.status.textContent = label(TEXT.status, detail.status) + (detail.outcome ? ' · ' + label(TEXT.outcome, detail.outcome) : '');
    ui.status.dataset.status = detail.status || '';
    const meta = [];
    if (detail.language) { meta.push(String(detail.language).toUpperCase()); }
    if (detail.startedAt) { meta.push(TEXT.conversations.startedAt + ' ' + moment(detail.startedAt)); }
    ui.meta.textContent = meta.join(' · ');
    ui.hint.textContent = detail.status === 'ended' ? TEXT.conversations.readOnly : TEXT.conversations.live;
    showRating(ui.rating, detail.rating);
    (detail.messages || []).forEach((/** @type {any} */ message) => timeline.addMessage(message));
    (detail.notes || []).forEach((/** @type {any} */ note) => timeline.addNote(note));
    renderContext(ui.context, detail.context, detail.earlier || [], openTranscript);
  } catch (error) {
    if (current === generation) { reportError(error, ui.error); }
  }
}

/** Logged out: nothing of the last transcript stays on screen. */
export function resetTranscript() {
  generation++;
  timeline.clear();
  delete ui.body.dataset.sessionId;
  show(ui.body, false);
  show(ui.placeholder, true);
  ui.placeholder.textContent = TEXT.conversations.placeholder;
}
