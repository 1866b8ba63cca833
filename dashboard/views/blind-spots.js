// The assistant's blind spots (admins, in the reports tab): the questions it did not know or handed
// to the staff, grouped by keywords, with counts, first and last time and the newest examples. An
// admin marks a group answered by a topic of the current knowledge base (the knowledge tab opens at
// that topic), or dismisses it.
import { api, reportError } from '../api.js';
import { dateTime, el, show, toast } from '../dom.js';
import { TEXT, fill } from '../i18n/text.js';
import { openKnowledgeEditor } from './kb-try.js';

const T = TEXT.blindSpots;
const PATH = '/api/reports/blind-spots';

/** @typedef {'open' | 'answered' | 'dismissed'} Status */

/**
 * @typedef {object} Group
 * @property {string} id
 * @property {string[]} keywords
 * @property {number} count
 * @property {string} firstSeen
 * @property {string} lastSeen
 * @property {string[]} examples
 * @property {Status} status
 * @property {string | null} [topic]
 */

/** @type {Status[]} */
const STATUSES = ['open', 'answered', 'dismissed'];

const ui = {
  status: el('select', { attrs: { id: 'blind-spots-status' } }, STATUSES.map((s) => el('option', { text: T.statuses[s], attrs: { value: s } }))),
  problem: el('p', { className: 'problem', attrs: { role: 'alert', id: 'blind-spots-problem', hidden: '' } }),
  list: el('ul', { className: 'blind-spots-list', attrs: { id: 'blind-spots', 'aria-labelledby': 'blind-spots-title' } }),
  empty: el('p', { className: 'empty', text: T.empty, attrs: { id: 'blind-spots-empty', hidden: '' } })
};

/** The section the reports tab shows to admins. */
export const blindSpotsSection = el('section', { className: 'blind-spots', attrs: { id: 'blind-spots-section', 'aria-labelledby': 'blind-spots-title' } }, [
  el('h3', { text: T.title, attrs: { id: 'blind-spots-title' } }),
  el('p', { className: 'blind-spots-intro', text: T.intro }),
  el('label', { className: 'blind-spots-filter' }, [el('span', { text: T.status }), ui.status]),
  ui.problem,
  ui.list,
  ui.empty
]);

const inbox = {
  /** The current knowledge base's topic ids, for the answer's select. @type {string[]} */
  topics: [],
  generation: 0
};

/** @type {(topic: string) => void} */
let openKnowledge = () => {};

/**
 * What opens the knowledge tab at a topic: app.js hands it in.
 * @param {(topic: string) => void} handler
 */
export function onOpenKnowledge(handler) {
  openKnowledge = handler;
}

/** Reads the groups with the chosen status, and the topics they can be answered by. */
export async function loadBlindSpots() {
  const generation = ++inbox.generation;
  const status = /** @type {Status} */ (ui.status.value);
  try {
    const [answer, knowledge] = await Promise.all([
      api('GET', PATH + '?status=' + status),
      api('GET', '/api/admin/knowledge-base')
    ]);
    if (generation !== inbox.generation) { return; }
    const topics = knowledge && knowledge.document && Array.isArray(knowledge.document.topics) ? knowledge.document.topics : [];
    inbox.topics = topics.map((/** @type {{ id: string }} */ t) => String(t.id));
    show(ui.problem, false);
    render(/** @type {Group[]} */ ((answer && answer.groups) || []));
  } catch (error) {
    if (generation === inbox.generation) { reportError(error, ui.problem); }
  }
}

/** @param {Group[]} groups */
function render(groups) {
  ui.list.replaceChildren(...groups.map(item));
  show(ui.empty, groups.length === 0);
}

/**
 * @param {Group} group
 * @returns {HTMLElement}
 */
function item(group) {
  const head = el('div', { className: 'blind-spot-head' }, [
    el('ul', { className: 'blind-spot-keywords', attrs: { 'aria-label': T.keywords } }, group.keywords.map((k) => el('li', { text: k }))),
    el('span', { className: 'blind-spot-count', text: fill(T.count, { count: group.count }) })
  ]);
  const seen = el('p', { className: 'blind-spot-seen', text: fill(T.seen, { first: dateTime(group.firstSeen), last: dateTime(group.lastSeen) }) });
  const examples = el('ul', { className: 'blind-spot-examples', attrs: { 'aria-label': T.examples } }, group.examples.map((text) => el('li', { text })));
  return el('li', { className: 'blind-spot', attrs: { 'data-id': group.id, 'data-status': group.status } }, [head, seen, examples, actions(group)]);
}

/**
 * An answered group names its topic and opens it; the others can be answered, an open one dismissed.
 * @param {Group} group
 */
function actions(group) {
  if (group.status === 'answered' && group.topic) {
    const topic = group.topic;
    return el('div', { className: 'blind-spot-actions' }, [
      el('span', { className: 'blind-spot-topic', text: fill(T.answeredBy, { topic }) }),
      knowledgeLink(fill(T.openTopic, { topic }), topic)
    ]);
  }
  const select = el('select', { attrs: { 'aria-label': T.topic } }, [
    el('option', { text: T.chooseTopic, attrs: { value: '' } }),
    ...inbox.topics.map((id) => el('option', { text: id, attrs: { value: id } }))
  ]);
  const answer = el('button', { text: T.answered, attrs: { type: 'button', 'data-action': 'answered' } });
  const form = el('div', { className: 'blind-spot-actions' }, [
    select,
    answer,
    group.status === 'open' ? el('button', { className: 'ghost', text: T.dismiss, attrs: { type: 'button', 'data-action': 'dismissed' } }) : null,
    knowledgeLink(T.openKnowledge, null, group.examples[0] || '')
  ]);
  answer.addEventListener('click', () => {
    if (select.value) {
      decide(group.id, 'answered', select.value, form);
    } else {
      select.focus();
    }
  });
  const dismiss = form.querySelector('[data-action="dismissed"]');
  if (dismiss) {
    dismiss.addEventListener('click', () => decide(group.id, 'dismissed', null, form));
  }
  return form;
}

/**
 * A link (an anchor that is a button for the console) to the knowledge tab: at the topic that answers
 * the group, or with one of its questions ready in the "try it" box.
 * @param {string} text
 * @param {string | null} topic
 * @param {string} [question]
 */
function knowledgeLink(text, topic, question = '') {
  const link = el('a', { className: 'blind-spot-knowledge', text, attrs: { href: '#view-knowledge' } });
  link.addEventListener('click', (event) => {
    event.preventDefault();
    if (topic) {
      openKnowledge(topic);
    } else {
      openKnowledgeEditor({ question });
    }
  });
  return link;
}

/**
 * @param {string} id
 * @param {'answered' | 'dismissed'} decision
 * @param {string | null} topic
 * @param {HTMLElement} form
 */
async function decide(id, decision, topic, form) {
  const buttons = Array.from(form.querySelectorAll('button'));
  buttons.forEach((b) => { b.disabled = true; });
  try {
    await api('POST', PATH + '/' + encodeURIComponent(id) + '/' + decision, decision === 'answered' ? { topic } : undefined);
    toast(decision === 'answered' ? fill(T.markedAnswered, { topic }) : T.markedDismissed, 'info');
    await loadBlindSpots();
  } catch (error) {
    buttons.forEach((b) => { b.disabled = false; });
    reportError(error, ui.problem);
  }
}

export function resetBlindSpots() {
  inbox.generation++;
  inbox.topics = [];
  ui.status.value = 'open';
  ui.list.replaceChildren();
  show(ui.empty, false);
  show(ui.problem, false);
}

export function wireBlindSpots() {
  ui.status.addEventListener('change', () => loadBlindSpots());
}
