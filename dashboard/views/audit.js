// The audit log (admins): every staff action with who, what, on which object, from where and how it
// ended; filtered by day range, person, action and object, one page at a time, and downloaded as CSV
// with the same filters (the server writes the file: quoting and formula protection are its own).
import { api, downloadFile, reportError } from '../api.js';
import { $, dateTime, el, onSubmit, show } from '../dom.js';
import { TEXT } from '../i18n/text.js';

const T = TEXT.audit;

/**
 * @typedef {object} AuditEntry
 * @property {string} at
 * @property {string} actor
 * @property {string} action
 * @property {string} target
 * @property {string} address
 * @property {number} status
 * @property {string | null} [problem]
 */

const ui = {
  filters: $('audit-filters', HTMLFormElement), from: $('audit-from', HTMLInputElement), to: $('audit-to', HTMLInputElement),
  actor: $('audit-actor', HTMLInputElement), action: $('audit-action', HTMLInputElement), target: $('audit-object', HTMLInputElement),
  download: $('audit-csv', HTMLButtonElement), error: $('audit-error'), rows: $('audit-rows'), empty: $('audit-empty'),
  more: $('audit-more', HTMLButtonElement)
};

const log = {
  /** @type {AuditEntry[]} */
  items: [],
  /** @type {string | null} */
  next: null,
  generation: 0
};

function filters() {
  const params = new URLSearchParams();
  const chosen = { from: ui.from.value, to: ui.to.value, actor: ui.actor.value.trim(), action: ui.action.value.trim(), object: ui.target.value.trim() };
  for (const [name, value] of Object.entries(chosen)) {
    if (value) { params.set(name, value); }
  }
  return params;
}

/**
 * 'reset' reads the newest page with the filters as they are; 'more' follows the cursor. Only the
 * newest request is shown; a refused filter is shown, not thrown.
 * @param {'reset' | 'more'} [how]
 * @returns {Promise<void>}
 */
export async function loadAudit(how = 'reset') {
  const params = filters();
  if (how === 'more') {
    if (!log.next) { return; }
    params.set('cursor', log.next);
  }
  const generation = ++log.generation;
  ui.more.disabled = true;
  try {
    const page = await api('GET', '/api/audit?' + params.toString());
    if (generation !== log.generation) { return; }
    /** @type {AuditEntry[]} */
    const items = (page && page.items) || [];
    log.items = how === 'more' ? log.items.concat(items) : items;
    log.next = (page && page.next) || null;
    show(ui.error, false);
    render();
  } catch (error) {
    if (generation === log.generation) { reportError(error, ui.error); }
  } finally {
    if (generation === log.generation) { ui.more.disabled = false; }
  }
}

/** @param {AuditEntry} entry */
function outcome(entry) {
  const problem = entry.problem ? entry.problem.replace(/^urn:lucine:problem:/, '') : '';
  return problem ? entry.status + ' ' + problem : String(entry.status);
}

function render() {
  ui.rows.replaceChildren(...log.items.map((entry) => el('tr', { className: entry.status >= 400 ? 'refused' : '' }, [
    el('td', { text: dateTime(entry.at) }),
    el('td', { className: 'audit-actor', text: entry.actor || '—' }),
    el('td', { className: 'audit-action', text: entry.action }),
    el('td', { className: 'audit-object', text: entry.target || '—' }),
    el('td', { text: entry.address }),
    el('td', { className: 'audit-outcome', text: outcome(entry) })
  ])));
  show(ui.empty, log.items.length === 0);
  show(ui.more, !!log.next);
}

/** The CSV with the filters as they are. */
async function download() {
  ui.download.disabled = true;
  try {
    await downloadFile('/api/audit.csv?' + filters().toString(), 'audit.csv');
    show(ui.error, false);
  } catch (error) {
    reportError(error, ui.error);
  } finally {
    ui.download.disabled = false;
  }
}

/** Logged out: the filters and the table start over. */
export function resetAudit() {
  Object.assign(log, { items: [], next: null, generation: log.generation + 1 });
  ui.rows.replaceChildren();
  ui.filters.reset();
  show(ui.empty, false);
  show(ui.more, false);
  show(ui.error, false);
}

export function wireAudit() {
  ui.actor.placeholder = T.actorPlaceholder;
  ui.action.placeholder = T.actionPlaceholder;
  onSubmit(ui.filters, () => loadAudit('reset'));
  ui.download.addEventListener('click', download);
  ui.more.addEventListener('click', () => loadAudit('more'));
}
