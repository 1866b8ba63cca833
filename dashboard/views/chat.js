// The open chat: its head (status, what the operator may do), its timeline of messages and
// internal notes, the composer (a reply or a note). Typing is in chat-typing.js.
import { newClientMessageId } from '../../widget/client/ids.js';
import { isWithOperator } from '../../widget/client/wire.js';
import { ApiError, api, reportError } from '../api.js';
import { draftOf, keepDraft } from '../drafts.js';
import { $, label, sendOnEnter, shortId, show, time } from '../dom.js';
import { TEXT, fill } from '../i18n/text.js';
import { isMine, isSupervisor, state } from '../state.js';
import { operatorTyped, showVisitorTyping, stopTyping } from './chat-typing.js';
import { AttachControl } from './attachments.js';
import { renderContext } from './context.js';
import { chatItem, renderChatAlerts, renderChats, renderQueue } from './queue.js';
import { ReplyPicker } from './reply-picker.js';
import { Timeline, chatPath } from './timeline.js';

/** @typedef {import('../state.js').OpenChat} OpenChat */

const ui = {
  chat: $('chat'), placeholder: $('chat-placeholder'), body: $('chat-body'),
  title: $('chat-title'), status: $('chat-status'), meta: $('chat-meta'),
  take: $('action-take'), transfer: $('action-transfer'), release: $('action-release'),
  closeRequest: $('action-close-request'), close: $('action-close'), ticket: $('action-ticket'),
  transferForm: $('transfer-form'), closeForm: $('close-form'), ticketForm: $('ticket-form'),
  alert: $('chat-alert'), error: $('chat-error'), context: $('chat-context'),
  messages: $('messages'),
  composer: $('composer', HTMLFormElement), modeMessage: $('mode-message'), modeNote: $('mode-note'),
  composerLabel: $('composer-label'), text: $('composer-text', HTMLTextAreaElement), hint: $('composer-hint'),
  send: $('composer-send', HTMLButtonElement)
};

export const timeline = new Timeline(ui.messages, () => chatPath(state.openId));
// The operator in charge may send a photo or a PDF as a reply.
const attach = new AttachControl(/** @type {HTMLElement} */ (ui.send.parentElement), {
  current: () => state.openId,
  path: (sessionId) => /** @type {string} */ (chatPath(sessionId)),
  sent: (answer, sessionId) => { if (answer && answer.message) { showSent(answer.message, sessionId); } }
});
/** @type {'message' | 'note'} */
let mode = 'message';
let busy = false;
/** A retry of the same text reuses the id, so the visitor never gets it twice. @type {{ sessionId: string, text: string, clientMessageId: string } | null} */
let pendingSend = null;
/** What the open chat's detail said of its visitor, kept to redraw when they change page. */
const visitor = {
  /** @type {import('./context.js').VisitorContext | null} */
  context: null,
  /** @type {import('./context.js').ConversationSummary[]} */
  earlier: []
};

/**
 * Opens a chat (from the lists, or after taking it); `summary` shows its head before its detail arrives.
 * @param {string} sessionId
 * @param {OpenChat} [summary]
 */
export function openChat(sessionId, summary) {
  if (!sessionId) {
    return Promise.resolve();
  }
  if (state.openId !== sessionId) {
    stopTyping();
    state.openId = sessionId;
    ui.text.value = draftOf(sessionId);
    mode = 'message';
    state.open = summary ? { sessionId, status: summary.status, outcome: summary.outcome, operator: summary.operator } : null;
    timeline.clear();
    attach.clear();
    visitor.context = null;
    visitor.earlier = [];
    showVisitorTyping(false);
    for (const node of [ui.transferForm, ui.closeForm, ui.ticketForm, ui.error, ui.placeholder, ui.context]) {
      show(node, false);
    }
    show(ui.body, true);
    ui.chat.dataset.sessionId = sessionId;
    renderChatHead();
  }
  state.unread.delete(sessionId);
  state.fresh.delete(sessionId);
  renderChats();
  renderQueue();
  return loadOpenChat().then(() => {
    if (!ui.text.disabled) {
      ui.text.focus();
    }
  }, (error) => reportError(error, ui.error));
}

export function closeChat() {
  state.openId = null;
  state.open = null;
  pendingSend = null;
  timeline.clear();
  attach.clear();
  show(ui.context, false);
  delete ui.chat.dataset.sessionId;
  show(ui.body, false);
  show(ui.placeholder, true);
}

export async function loadOpenChat() {
  const id = state.openId;
  if (!id) {
    return;
  }
  const detail = await api('GET', '/api/operator/chats/' + encodeURIComponent(id));
  if (state.openId !== id || !detail) {
    return;
  }
  state.open = {
    sessionId: detail.sessionId,
    status: detail.status,
    outcome: detail.outcome,
    operator: detail.operator,
    language: detail.language,
    startedAt: detail.startedAt,
    queue: detail.queue
  };
  (detail.messages || []).forEach((/** @type {any} */ message) => timeline.addMessage(message));
  (detail.notes || []).forEach((/** @type {any} */ note) => timeline.addNote(note));
  visitor.context = detail.context || null;
  visitor.earlier = detail.earlier || [];
  renderVisitor();
  show(ui.error, false);
  renderChatHead();
}

/** @type {(sessionId: string) => void} */
let openEarlier = () => {};

/**
 * What a click on one of the visitor's earlier conversations does: its transcript is not this module's to show.
 * @param {(sessionId: string) => void} handler
 */
export function onEarlierChosen(handler) {
  openEarlier = handler;
}

function renderVisitor() {
  renderContext(ui.context, visitor.context, visitor.earlier, (sessionId) => openEarlier(sessionId));
}

/**
 * The open chat's visitor opened another page (the hub's push to the operator in charge).
 * @param {{ sessionId?: string, url?: string, title?: string | null }} event
 */
export function applyPage(event) {
  if (!event.sessionId || event.sessionId !== state.openId || typeof event.url !== 'string') {
    return;
  }
  visitor.context = { ...(visitor.context || {}), pageUrl: event.url, pageTitle: event.title || undefined };
  renderVisitor();
}

/**
 * What an action on the open chat answered: its new status and operator.
 * @param {OpenChat | null} summary
 */
export function applySummary(summary) {
  if (!summary || !state.open || summary.sessionId !== state.openId) {
    return;
  }
  state.open.status = summary.status;
  state.open.outcome = summary.outcome;
  state.open.operator = summary.operator;
  renderChatHead();
}

/**
 * What the hub said of the open chat's status.
 * @param {{ status: string, outcome?: string | null, operator?: import('../state.js').Operator | null }} event
 */
export function applyStatus(event) {
  if (!state.open) {
    return;
  }
  state.open.status = event.status;
  state.open.outcome = event.outcome;
  state.open.operator = event.operator;
  if (event.status !== 'queued') {
    state.open.queue = null;
  }
  renderChatHead();
  if (event.status === 'ended') {
    showVisitorTyping(false);
  }
}

export function renderChatHead() {
  const chat = state.open;
  if (!state.openId) {
    return;
  }
  ui.title.textContent = fill(TEXT.queue.visitor, { id: shortId(state.openId) });
  ui.title.title = state.openId;
  const status = chat ? chat.status : '';
  ui.status.textContent = chat ? label(TEXT.status, status) + (chat.outcome ? ' · ' + label(TEXT.outcome, chat.outcome) : '') : '…';
  ui.status.dataset.status = status || '';
  ui.chat.dataset.status = status || '';

  const meta = [];
  if (chat && chat.language) { meta.push(String(chat.language).toUpperCase()); }
  if (chat && chat.startedAt) { meta.push(fill(TEXT.chat.startedAt, { time: time(chat.startedAt) })); }
  if (chat && chat.operator && !isMine(chat)) { meta.push(fill(TEXT.chat.with, { name: chat.operator.displayName || chat.operator.username })); }
  if (chat && chat.queue) {
    const wait = chat.queue.estimatedWaitMinutes != null ? fill(TEXT.chat.estimatedWait, { minutes: chat.queue.estimatedWaitMinutes }) : '';
    meta.push(fill(TEXT.chat.position, { position: chat.queue.position }) + wait);
  }
  ui.meta.textContent = meta.join(' · ');

  const canAct = !!chat && (isMine(chat) || isSupervisor());
  const active = !!chat && isWithOperator(status);
  show(ui.take, !!chat && status === 'queued');
  show(ui.transfer, canAct && active);
  show(ui.release, canAct && active);
  show(ui.closeRequest, canAct && (status === 'with_operator' || status === 'waiting_client'));
  show(ui.close, canAct && status !== 'ended');
  show(ui.ticket, !!chat);
  if (!chat) { show(ui.ticketForm, false); }
  if (!(canAct && active)) { show(ui.transferForm, false); }
  if (!(canAct && status !== 'ended')) { show(ui.closeForm, false); }

  renderComposer();
  renderAlert();
}

/** The first-response alert, on the open chat and in my chats. */
export function renderAlert() {
  const on = !!state.openId && state.alerts.has(state.openId);
  ui.alert.textContent = on ? TEXT.alerts.first_response_due : '';
  show(ui.alert, on);
  renderChatAlerts();
}

function canMessage() {
  const chat = state.open;
  return !!chat && isWithOperator(chat.status) && (isMine(chat) || isSupervisor());
}

function renderComposer() {
  const note = mode === 'note';
  ui.composer.dataset.mode = mode;
  ui.modeMessage.setAttribute('aria-pressed', note ? 'false' : 'true');
  ui.modeNote.setAttribute('aria-pressed', note ? 'true' : 'false');
  ui.composerLabel.textContent = note ? TEXT.chat.note : TEXT.chat.reply;
  ui.text.placeholder = note ? TEXT.chat.notePlaceholder : TEXT.chat.replyPlaceholder;
  ui.send.textContent = note ? TEXT.chat.saveNote : TEXT.chat.send;
  const enabled = note ? !!state.open : canMessage();
  ui.text.disabled = !enabled || busy;
  ui.send.disabled = !enabled || busy;
  attach.setEnabled(!note && enabled);
  let hint = '';
  if (!enabled && state.open) {
    const status = state.open.status;
    if (status === 'queued') { hint = TEXT.chat.hintQueued; }
    else if (status === 'ended') { hint = TEXT.chat.hintEnded; }
    else if (isWithOperator(status) && !isMine(state.open)) { hint = TEXT.chat.hintOthers; }
    else { hint = TEXT.chat.hintBot; }
  } else if (note) {
    hint = TEXT.chat.hintNote;
  }
  ui.hint.textContent = hint;
}

/** @param {'message' | 'note'} value */
function setMode(value) {
  if (mode === value) {
    return;
  }
  if (value === 'note') {
    stopTyping();
  }
  mode = value;
  renderComposer();
  ui.text.focus();
}

/**
 * The operator's message as the server stored it (a reply or an attachment): in the timeline, in
 * my chats, and the first-response alert answered.
 * @param {import('./timeline.js').ChatMessage} message
 * @param {string} sessionId the chat it was sent to
 */
function showSent(message, sessionId) {
  state.alerts.delete(sessionId);
  renderAlert();
  if (state.openId === sessionId) { timeline.addMessage(message); }
  const item = chatItem(sessionId);
  if (item) {
    item.lastMessage = message;
    renderChats();
  }
}

/** A reply reaches the visitor; a note stays with the operators. */
function submit() {
  const sessionId = state.openId;
  const text = ui.text.value;
  if (!sessionId || !text.trim() || busy) {
    return;
  }
  const path = '/api/operator/chats/' + encodeURIComponent(sessionId);
  let request;
  if (mode === 'note') {
    request = api('POST', path + '/notes', { text }).then((created) => {
      if (state.openId === sessionId) { timeline.addNote(created); }
    });
  } else {
    let pending = pendingSend;
    if (!pending || pending.sessionId !== sessionId || pending.text !== text) {
      pending = pendingSend = { sessionId, text, clientMessageId: newClientMessageId() };
    }
    stopTyping();
    request = api('POST', path + '/messages', { text, clientMessageId: pending.clientMessageId }).then((data) => {
      pendingSend = null;
      if (data && data.message) { showSent(data.message, sessionId); }
    });
  }
  busy = true;
  renderComposer();
  show(ui.error, false);
  request
    .then(() => {
      if (draftOf(sessionId) === text) { keepDraft(sessionId, ''); }
      if (state.openId === sessionId && ui.text.value === text) { ui.text.value = ''; }
    })
    .catch((error) => {
      reportError(error, ui.error);
      if (error instanceof ApiError && error.status === 409) { loadOpenChat().catch(() => {}); }
    })
    .then(() => {
      busy = false;
      renderComposer();
      if (!ui.text.disabled) { ui.text.focus(); }
    });
}

function onComposerInput() {
  if (state.openId) {
    keepDraft(state.openId, ui.text.value);
  }
  if (mode === 'message' && state.openId && canMessage()) {
    operatorTyped(state.openId);
  }
}

export function wireChat() {
  ui.composer.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  // The visitor's name is not in a live chat's detail: {visitor_name} is left out.
  new ReplyPicker(ui.text, () => ({ language: state.open && state.open.language, values: {} }));
  sendOnEnter(ui.text, ui.composer);
  ui.text.addEventListener('input', onComposerInput);
  ui.text.addEventListener('blur', stopTyping);
  ui.modeMessage.addEventListener('click', () => setMode('message'));
  ui.modeNote.addEventListener('click', () => setMode('note'));
  window.addEventListener('beforeunload', stopTyping);
}
