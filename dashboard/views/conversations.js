// The history of ended conversations: filters (days, outcome, operator, language, the visitor's
// words), newest first, one page at a time; a click opens the read-only transcript.
import { reportError, api } from '../api.js';
import { $, el, label, moment, onSubmit, openableItem, part, reconcile, show } from '../dom.js';
import { TEXT } from '../i18n/text.js';

/** @typedef {import('./context.js').ConversationSummary} ConversationSummary */

const T = TEXT.conversations;

const ui = {
  tab: $('tab-conversations'), title: $('conversations-title'), filters: $('conversation-filters', HTMLFormElement),
  error: $('conversations-error'), list: $('conversations'), empty: $('conversations-empty'), more: $('conversations-more', HTMLButtonElement)
};

/**
 * A labelled field of the filters.
 * @param {string} text
 * @param {HTMLElement} control
 * @param {string} [className]
 */
function field(text, control, className) {
  return el('label', { className }, [document.createTextNode(text + ' '), control]);
}

/**
 * A choice among the server's names, "any" first.
 * @param {Readonly<Record<string, string>>} names
 */
function choice(names) {
  return el('select', {}, [el('option', { text: T.any, attrs: { value: '' } }),
    ...Object.entries(names).map(([value, text]) => el('option', { text, attrs: { value } }))]);
}

const inputs = {
  from: el('input', { attrs: { type: 'date', name: 'from' } }),
  to: el('input', { attrs: { type: 'date', name: 'to' } }),
  outcome: choice(TEXT.outcome),
  operator: el('input', { attrs: { type: 'text', name: 'operator', maxlength: 40, autocomplete: 'off', placeholder: T.operatorPlaceholder } }),
  language: choice(T.languages),
  q: el('input', { attrs: { type: 'search', name: 'q', maxlength: 100, placeholder: T.searchPlaceholder } })
};

const list = {
  loaded: false,
  /** @type {ConversationSummary[]} */
  items: [],
  /** @type {string | null} */
  next: null,
  generation: 0,
  /** @type {string | null} */
  openId: null
};

/** @type {(sessionId: string) => void} */
let chosen = () => {};

/**
 * What a click on a conversation does: the transcript is not this module's to show.
 * @param {(sessionId: string) => void} handler
 */
export function onConversationChosen(handler) {
  chosen = handler;
}

export function isConversationListLoaded() {
  return list.loaded;
}

function filters() {
  const params = new URLSearchParams();
  const chosen = {
    from: inputs.from.value, to: inputs.to.value, outcome: inputs.outcome.value,
    operator: inputs.operator.value.trim(), language: inputs.language.value, q: inputs.q.value.trim()
  };
  for (const [name, value] of Object.entries(chosen)) {
    if (value) { params.set(name, value); }
  }
  return params;
}

/**
 * 'reset' reads the first page with the filters as they are; 'more' follows the cursor. Only the
 * newest request is shown; problems (a range too long…) are shown, not thrown.
 * @param {'reset' | 'more'} how
 * @returns {Promise<void>}
 */
export async function loadConversations(how) {
  const params = filters();
  if (how === 'more') {
    if (!list.next) { return; }
    params.set('cursor', list.next);
  }
  const generation = ++list.generation;
  ui.more.disabled = true;
  try {
    const page = await api('GET', '/api/operator/conversations?' + params.toString());
    if (generation !== list.generation) { return; }
    /** @type {ConversationSummary[]} */
    const items = (page && page.items) || [];
    list.items = how === 'more' ? list.items.concat(items) : items;
    list.next = (page && page.next) || null;
    list.loaded = true;
    show(ui.error, false);
    render();
  } catch (error) {
    if (generation === list.generation) { reportError(error, ui.error); }
  } finally {
    if (generation === list.generation) { ui.more.disabled = false; }
  }
}

function render() {
  reconcile(ui.list, list.items, (c) => c.sessionId + '@' + c.endedAt, create, update);
  show(ui.empty, list.loaded && list.items.length === 0);
  show(ui.more, !!list.next);
}

function create() {
  return openableItem('conversation-item', [
    el('span', { className: 'who' }),
    el('span', { className: 'badge outcome' }),
    el('span', { className: 'badge language' })
  ], [el('span', { className: 'preview' }), el('span', { className: 'item-meta' })], (li) => choose(li.dataset.sessionId || ''));
}

/**
 * @param {HTMLElement} li
 * @param {ConversationSummary} item
 */
function update(li, item) {
  li.dataset.sessionId = item.sessionId;
  li.classList.toggle('is-open', item.sessionId === list.openId);
  part(li, '.who').textContent = T.visitor + ' ' + item.sessionId.slice(0, 8);
  const outcome = part(li, '.outcome');
  outcome.textContent = label(TEXT.outcome, item.outcome);
  outcome.dataset.outcome = item.outcome || '';
  part(li, '.language').textContent = item.language ? item.language.toUpperCase() : '';
  const preview = part(li, '.preview');
  preview.textContent = item.preview || '—';
  preview.title = item.preview || '';
  part(li, '.item-meta').textContent = [
    T.endedAt + ' ' + moment(item.endedAt),
    item.operatorName ? T.with + ' ' + item.operatorName : T.noOperator,
    item.messageCount + ' ' + T.messages
  ].join(' · ');
}

/** @param {string} sessionId */
function choose(sessionId) {
  list.openId = sessionId;
  render();
  chosen(sessionId);
}

/** Logged out: the filters and the list start over. */
export function resetConversations() {
  Object.assign(list, { loaded: false, items: [], next: null, generation: list.generation + 1, openId: null });
  ui.list.replaceChildren();
  ui.filters.reset();
  show(ui.empty, false);
  show(ui.more, false);
  show(ui.error, false);
}

export function wireConversations() {
  ui.tab.textContent = T.tab;
  ui.title.textContent = T.title;
  ui.filters.setAttribute('aria-label', T.title);
  ui.list.setAttribute('aria-label', T.listLabel);
  ui.empty.textContent = T.empty;
  ui.more.textContent = T.more;
  ui.filters.replaceChildren(
    field(T.from, inputs.from),
    field(T.to, inputs.to),
    field(T.outcome, inputs.outcome),
    field(T.operator, inputs.operator),
    field(T.language, inputs.language),
    field(T.search, inputs.q, 'search'),
    el('button', { text: T.submit, attrs: { type: 'submit' } })
  );
  onSubmit(ui.filters, () => loadConversations('reset'));
  ui.filters.addEventListener('change', (event) => {
    // The words are searched on Enter (submit); the other choices apply at once.
    if (event.target !== inputs.q && event.target !== inputs.operator) { loadConversations('reset'); }
  });
  ui.more.addEventListener('click', () => loadConversations('more'));
}
