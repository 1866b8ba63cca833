// Privacy, for admins: find a customer by email, phone, ticket number or session id, download
// everything Lucine keeps about them (a JSON file), and erase it after a confirmation. An erasure is a
// job on the server; its state is shown, and a job cut short is taken up by erasing again.
import { api, reportError } from '../api.js';
import { $, el, onSubmit, show, toast } from '../dom.js';
import { TEXT, fill } from '../i18n/text.js';

const T = TEXT.privacy;

/** @typedef {'email' | 'phone' | 'ticket' | 'session'} Selector */

/**
 * @typedef {object} ErasureJob
 * @property {string} id
 * @property {'running' | 'completed'} status
 * @property {number} done
 * @property {number} total
 * @property {number} sessions
 * @property {number} tickets
 */

/** @type {Selector[]} */
const SELECTORS = ['email', 'phone', 'ticket', 'session'];

const ui = {
  view: $('view-privacy'), tab: $('tab-privacy'),
  kind: el('select', { attrs: { id: 'privacy-kind' } }, SELECTORS.map((s) => el('option', { text: T.kinds[s], attrs: { value: s } }))),
  value: el('input', { attrs: { id: 'privacy-value', autocomplete: 'off', spellcheck: 'false', required: '', maxlength: 320 } }),
  search: el('button', { text: T.search, attrs: { type: 'submit', id: 'privacy-search' } }),
  problem: el('p', { className: 'problem', attrs: { role: 'alert', id: 'privacy-problem' } }),
  found: el('p', { className: 'privacy-found', attrs: { id: 'privacy-found', role: 'status' } }),
  download: el('button', { text: T.download, attrs: { type: 'button', id: 'privacy-download' } }),
  erase: el('button', { className: 'danger', text: T.erase, attrs: { type: 'button', id: 'privacy-erase' } }),
  job: el('p', { className: 'privacy-job', attrs: { id: 'privacy-job', role: 'status' } })
};
const result = el('div', { className: 'privacy-result' }, [ui.found, el('div', { className: 'privacy-actions' }, [ui.download, ui.erase]), ui.job]);
const form = el('form', { className: 'privacy-form', attrs: { id: 'privacy-form', novalidate: '' } }, [
  el('label', { text: T.kind, attrs: { for: 'privacy-kind' } }), ui.kind,
  el('label', { text: T.value, attrs: { for: 'privacy-value' } }), ui.value,
  ui.search
]);

const search = {
  /** What the shown result is about (the body of export and erase). @type {Record<string, string> | null} */
  subject: null,
  /** The export as the server gave it, for the download. @type {string} */
  exported: '',
  confirming: false,
  generation: 0
};

/** @returns {Record<string, string>} */
function subjectOfForm() {
  return { [ui.kind.value]: ui.value.value.trim() };
}

async function find() {
  const subject = subjectOfForm();
  const mine = ++search.generation;
  clear();
  try {
    /** @type {{ conversations: unknown[], tickets: unknown[] }} */
    const body = await api('POST', '/api/admin/privacy/export', subject);
    if (mine !== search.generation) { return; }
    search.subject = subject;
    search.exported = JSON.stringify(body, null, 2);
    ui.found.textContent = fill(T.found, { conversations: String(body.conversations.length), tickets: String(body.tickets.length) });
    show(result, true);
  } catch (error) {
    if (mine === search.generation) { reportError(error, ui.problem); }
  }
}

/** The export as a file: made here from what the search read, so that nothing is asked twice. */
function download() {
  const link = el('a', { attrs: { href: URL.createObjectURL(new Blob([search.exported], { type: 'application/json' })), download: 'lucine-export.json' } });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.getAttribute('href') || ''), 0);
}

async function erase() {
  if (!search.confirming) {
    search.confirming = true;
    ui.erase.textContent = T.confirmErase;
    return;
  }
  ui.erase.disabled = true;
  try {
    /** @type {ErasureJob} */
    const job = await api('POST', '/api/admin/privacy/erase', search.subject);
    showJob(job);
    toast(job.status === 'completed' ? T.erased : T.interrupted, job.status === 'completed' ? 'info' : 'alert');
  } catch (error) {
    reportError(error, ui.problem);
  } finally {
    search.confirming = false;
    ui.erase.textContent = T.erase;
    ui.erase.disabled = false;
  }
}

/** @param {ErasureJob} job */
function showJob(job) {
  ui.job.textContent = fill(T.job, { status: T.status[job.status], done: String(job.done), total: String(job.total) });
  ui.job.dataset.status = job.status;
  show(ui.job, true);
}

function clear() {
  search.subject = null;
  search.exported = '';
  search.confirming = false;
  ui.erase.textContent = T.erase;
  ui.problem.textContent = '';
  ui.job.textContent = '';
  show(ui.job, false);
  show(result, false);
}

export function resetPrivacy() {
  search.generation++;
  ui.value.value = '';
  clear();
}

export function wirePrivacy() {
  ui.tab.textContent = T.tab;
  ui.view.append(el('h2', { text: T.title }), el('p', { className: 'privacy-intro', text: T.intro }), form, ui.problem, result);
  show(result, false);
  onSubmit(form, find);
  ui.download.addEventListener('click', download);
  ui.erase.addEventListener('click', erase);
}
