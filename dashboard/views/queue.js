// The side of the chats section: the queue (live, with waiting times that tick every second)
// and the operator's own chats.
import { api, reportError } from '../api.js';
import { $, duration, el, label, openableItem, part, reconcile, shortId, show } from '../dom.js';
import { TEXT, fill } from '../i18n/text.js';
import { renderTitle } from '../notices.js';
import { state } from '../state.js';
import { previewText } from './attachments.js';
import { senderName } from './timeline.js';

/**
 * @typedef {object} QueueItem
 * @property {string} sessionId
 * @property {number} position
 * @property {string} [priority]
 * @property {string} [language]
 * @property {number} [waitingSeconds]
 * @property {string} [preview]
 */

/**
 * @typedef {object} ChatItem
 * @property {string} sessionId
 * @property {string} [status]
 * @property {string} [language]
 * @property {import('./timeline.js').ChatMessage | null} [lastMessage]
 */

const ui = {
  queue: $('queue'), queueCount: $('queue-count'), queueEmpty: $('queue-empty'),
  chats: $('chats'), chatsCount: $('chats-count'), chatsEmpty: $('chats-empty')
};

/** @type {QueueItem[]} */
let queue = [];
let queueFetchedAt = 0;
/** @type {ChatItem[]} */
let chats = [];

/**
 * What a click on an item does, and who hears of chats new in the queue; the open chat is not this module's to show.
 * @type {{ open: (sessionId: string) => void, take: (sessionId: string, button: HTMLButtonElement) => void, chatsLoaded: () => void, arrived: (items: QueueItem[]) => void }}
 */
const handlers = { open: () => {}, take: () => {}, chatsLoaded: () => {}, arrived: () => {} };

/** @param {typeof handlers} given */
export function onSide(given) {
  Object.assign(handlers, given);
}

export async function loadQueue() {
  const data = await api('GET', '/api/operator/queue');
  const before = new Set(queue.map((item) => item.sessionId));
  const first = !queueFetchedAt;
  queue = (data && data.items) || [];
  queueFetchedAt = Date.now();
  renderQueue();
  if (!first) {
    handlers.arrived(queue.filter((item) => !before.has(item.sessionId)));
  }
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let queueReloadTimer;

/** A burst of queue changes is read once. */
export function loadQueueSoon() {
  clearTimeout(queueReloadTimer);
  queueReloadTimer = setTimeout(() => { loadQueue().catch(reportError); }, 150);
}

export function renderQueue() {
  const items = queue.slice().sort((a, b) => (a.position || 0) - (b.position || 0));
  ui.queueCount.textContent = String(items.length);
  show(ui.queueEmpty, items.length === 0);
  reconcile(ui.queue, items, (item) => item.sessionId, createQueueItem, updateQueueItem);
  tick();
}

function createQueueItem() {
  const li = openableItem('queue-item', [
    el('span', { className: 'position' }),
    el('span', { className: 'badge priority' }),
    el('span', { className: 'lang' }),
    el('span', { className: 'wait', attrs: { title: TEXT.queue.wait } })
  ], [el('span', { className: 'preview' })], (item) => handlers.open(item.dataset.sessionId || ''));
  const take = el('button', { className: 'take', text: TEXT.queue.take, attrs: { type: 'button' } });
  take.addEventListener('click', () => handlers.take(li.dataset.sessionId || '', take));
  li.appendChild(take);
  return li;
}

/**
 * @param {HTMLElement} li
 * @param {QueueItem} item
 */
function updateQueueItem(li, item) {
  li.dataset.sessionId = item.sessionId;
  li.dataset.waitBase = String(item.waitingSeconds || 0);
  li.classList.toggle('is-open', item.sessionId === state.openId);
  li.classList.toggle('high', item.priority === 'high');
  part(li, '.position').textContent = '#' + item.position;
  const priority = part(li, '.priority');
  priority.textContent = label(TEXT.priority, item.priority);
  priority.dataset.priority = item.priority || 'normal';
  part(li, '.lang').textContent = item.language ? String(item.language).toUpperCase() : '';
  const preview = part(li, '.preview');
  preview.textContent = item.preview || '—';
  preview.title = item.preview || '';
  // Its name is what it shows (so speech control finds it by the words seen); what it does is its description.
  part(li, '.item-open').title = fill(TEXT.queue.preview, { position: item.position });
}

/** Waiting times tick locally every second, from the server's figure at the last load. */
export function tick() {
  const elapsed = queueFetchedAt ? (Date.now() - queueFetchedAt) / 1000 : 0;
  for (const li of ui.queue.children) {
    const wait = li.querySelector('.wait');
    if (wait && li instanceof HTMLElement) {
      wait.textContent = duration(Number(li.dataset.waitBase || 0) + elapsed);
    }
  }
}

export async function loadChats() {
  const data = await api('GET', '/api/operator/chats');
  chats = (data && data.items) || [];
  const mine = new Set(chats.map((c) => c.sessionId));
  state.alerts.forEach((id) => { if (!mine.has(id)) { state.alerts.delete(id); } });
  state.unread.forEach((_, id) => { if (!mine.has(id)) { state.unread.delete(id); } });
  renderChats();
  handlers.chatsLoaded();
}

export function renderChats() {
  ui.chatsCount.textContent = String(chats.length);
  show(ui.chatsEmpty, chats.length === 0);
  reconcile(ui.chats, chats, (item) => item.sessionId, createChatItem, updateChatItem);
  renderTitle();
}

function createChatItem() {
  return openableItem('chat-item', [
    el('span', { className: 'who' }),
    el('span', { className: 'badge chat-state' }),
    el('span', { className: 'lang' }),
    el('span', { className: 'badge alert-badge', text: TEXT.queue.firstResponse }),
    el('span', { className: 'unread-count', attrs: { title: TEXT.desk.unread } })
  ], [el('span', { className: 'preview' })], (li) => handlers.open(li.dataset.sessionId || ''));
}

/**
 * @param {HTMLElement} li
 * @param {ChatItem} item
 */
function updateChatItem(li, item) {
  const id = item.sessionId;
  li.dataset.sessionId = id;
  li.classList.toggle('is-open', id === state.openId);
  li.classList.toggle('is-new', state.fresh.has(id));
  li.classList.toggle('has-alert', state.alerts.has(id));
  const unread = state.unread.get(id) || 0;
  li.classList.toggle('unread', unread > 0);
  const count = part(li, '.unread-count');
  count.textContent = unread > 0 ? String(unread) : '';
  count.setAttribute('aria-label', unread + ' ' + TEXT.desk.unread);
  part(li, '.who').textContent = fill(TEXT.queue.visitor, { id: shortId(id) });
  const status = part(li, '.chat-state');
  status.textContent = label(TEXT.status, item.status);
  status.dataset.status = item.status || '';
  part(li, '.lang').textContent = item.language ? String(item.language).toUpperCase() : '';
  const last = item.lastMessage;
  const preview = part(li, '.preview');
  preview.textContent = last ? senderName(last) + ': ' + previewText(last) : '—';
  preview.title = last ? previewText(last) : '';
  part(li, '.item-open').title = fill(TEXT.queue.open, { id: shortId(id) });
}

/** Marks the chats with a first-response alert. */
export function renderChatAlerts() {
  for (const li of ui.chats.children) {
    if (li instanceof HTMLElement) {
      li.classList.toggle('has-alert', state.alerts.has(li.dataset.sessionId || ''));
    }
  }
}

/**
 * One of my chats, as the list has it.
 * @param {string} sessionId
 */
export function chatItem(sessionId) {
  return chats.find((chat) => chat.sessionId === sessionId) || null;
}

/** Logged out: nothing of the last operator's stays. */
export function resetSide() {
  queue = [];
  queueFetchedAt = 0;
  chats = [];
  ui.queue.replaceChildren();
  ui.chats.replaceChildren();
}
