// Canned replies, for supervisors and admins: the list, and one form to create a reply or edit one
// (If-Match the version it was loaded from). The server's refusals are shown next to their fields.
import { ApiError, api, fieldErrorTexts, reportError } from '../api.js';
import { $, el, moment, onSubmit, show, toast } from '../dom.js';
import { TEXT } from '../i18n/text.js';
import { forgetReplies } from './reply-picker.js';

/** @typedef {import('./reply-picker.js').Reply} Reply */

const T = TEXT.replies;

/**
 * A labelled field of the form, with the place for the server's words about it.
 * @param {string} name the field's name in the server's `fieldErrors`
 * @param {string} id
 * @param {string} text its label
 * @param {HTMLInputElement | HTMLTextAreaElement} input
 */
function field(name, id, text, input) {
  input.id = id;
  const error = el('p', { className: 'field-error', attrs: { id: id + '-error' } });
  error.hidden = true;
  input.setAttribute('aria-describedby', error.id);
  return { name, input, error, node: el('div', { className: 'reply-field', attrs: { 'data-field': name } }, [el('label', { text, attrs: { for: id } }), input, error]) };
}

const fields = [
  field('title', 'reply-title', T.fieldTitle, el('input', { attrs: { maxlength: 80, autocomplete: 'off', required: '' } })),
  field('shortcut', 'reply-shortcut', T.fieldShortcut, el('input', { attrs: { maxlength: 31, autocomplete: 'off', spellcheck: 'false', required: '' } })),
  field('text.it', 'reply-text-it', T.fieldIt, el('textarea', { attrs: { rows: 4, maxlength: 2000, required: '' } })),
  field('text.en', 'reply-text-en', T.fieldEn, el('textarea', { attrs: { rows: 4, maxlength: 2000, required: '' } }))
];
const [title, shortcut, textIt, textEn] = fields.map((f) => f.input);

const ui = {
  view: $('view-replies'), tab: $('tab-replies'),
  heading: el('h3', { text: T.create }),
  problem: el('p', { className: 'problem', attrs: { role: 'alert', id: 'reply-problem' } }),
  save: el('button', { text: T.save, attrs: { type: 'submit', id: 'reply-save' } }),
  cancel: el('button', { className: 'ghost', text: T.cancel, attrs: { type: 'button', id: 'reply-cancel' } }),
  list: el('ul', { className: 'replies-list', attrs: { id: 'replies-list', 'aria-label': T.listLabel } }),
  empty: el('p', { className: 'empty', text: T.empty })
};
const form = el('form', { className: 'reply-form', attrs: { id: 'reply-form', novalidate: '' } }, [
  ui.heading, ...fields.map((f) => f.node), ui.problem, el('div', { className: 'composer-foot' }, [ui.cancel, ui.save])
]);

const editor = {
  /** The reply being edited (null: a new one). @type {Reply | null} */
  editing: null,
  busy: false,
  generation: 0
};

export async function loadReplies() {
  const generation = ++editor.generation;
  try {
    const body = await api('GET', '/api/operator/replies');
    if (generation === editor.generation) {
      renderList((body && body.items) || []);
    }
  } catch (error) {
    if (generation === editor.generation) { reportError(error, ui.problem); }
  }
}

/** @param {Reply[]} replies */
function renderList(replies) {
  ui.list.replaceChildren(...replies.map(replyItem));
  show(ui.empty, replies.length === 0);
}

/** @param {Reply} reply */
function replyItem(reply) {
  const edit = el('button', { className: 'ghost', text: T.editButton, attrs: { type: 'button', 'aria-label': T.editButton + ' /' + reply.shortcut } });
  const remove = el('button', { className: 'ghost danger', text: T.remove, attrs: { type: 'button', 'aria-label': T.remove + ' /' + reply.shortcut } });
  edit.addEventListener('click', () => startEdit(reply));
  remove.addEventListener('click', () => removeReply(reply, remove));
  return el('li', { className: 'reply-item', attrs: { 'data-shortcut': reply.shortcut } }, [
    el('div', { className: 'reply-head' }, [
      el('strong', { className: 'reply-shortcut', text: '/' + reply.shortcut }),
      el('span', { className: 'reply-title', text: reply.title }),
      el('span', { className: 'reply-meta', text: T.updated + (reply.updatedBy || '') + ' · ' + moment(reply.updatedAt) }),
      edit,
      remove
    ]),
    el('p', { className: 'reply-text', attrs: { lang: 'it' } }, [el('span', { className: 'badge', text: T.italian }), document.createTextNode(' ' + reply.text.it)]),
    el('p', { className: 'reply-text', attrs: { lang: 'en' } }, [el('span', { className: 'badge', text: T.english }), document.createTextNode(' ' + reply.text.en)])
  ]);
}

/** @param {Reply | null} reply */
function startEdit(reply) {
  editor.editing = reply;
  title.value = reply ? reply.title : '';
  shortcut.value = reply ? reply.shortcut : '';
  textIt.value = reply ? reply.text.it : '';
  textEn.value = reply ? reply.text.en : '';
  ui.heading.textContent = reply ? T.edit + reply.shortcut : T.create;
  show(ui.cancel, !!reply);
  showProblems(null);
  if (reply) { title.focus(); }
}

/**
 * The server's refusal: each field's errors next to it, anything else above the buttons.
 * @param {ApiError | null} error
 */
function showProblems(error) {
  const errors = error && error.problem && typeof error.problem.fieldErrors === 'object' && error.problem.fieldErrors ? /** @type {Record<string, unknown>} */ (error.problem.fieldErrors) : {};
  for (const f of fields) {
    const messages = fieldErrorTexts(errors[f.name]);
    f.error.textContent = messages.join(' ');
    show(f.error, messages.length > 0);
    if (messages.length > 0) { f.input.setAttribute('aria-invalid', 'true'); } else { f.input.removeAttribute('aria-invalid'); }
  }
  const general = !!error && Object.keys(errors).length === 0;
  ui.problem.textContent = general && error ? error.message : '';
  show(ui.problem, general);
  const first = fields.find((f) => !f.error.hidden);
  if (first) { first.input.focus(); }
}

async function save() {
  if (editor.busy) {
    return;
  }
  editor.busy = true;
  ui.save.disabled = true;
  const editing = editor.editing;
  const body = { title: title.value, shortcut: shortcut.value, text: { it: textIt.value, en: textEn.value } };
  try {
    const saved = editing
      ? await api('PUT', '/api/operator/replies/' + encodeURIComponent(editing.id), body, { headers: { 'If-Match': '"' + editing.version + '"' } })
      : await api('POST', '/api/operator/replies', body);
    forgetReplies();
    toast(T.saved + saved.shortcut, 'info');
    startEdit(null);
    await loadReplies();
  } catch (error) {
    if (error instanceof ApiError && error.status === 412 && editing) {
      await reloadEdited(editing.id);
    } else if (error instanceof ApiError) {
      showProblems(error);
    } else {
      reportError(error);
    }
  }
  editor.busy = false;
  ui.save.disabled = false;
}

/**
 * Someone else changed the reply being edited: it is shown as it is now, to edit again.
 * @param {string} id
 */
async function reloadEdited(id) {
  try {
    startEdit(await api('GET', '/api/operator/replies/' + encodeURIComponent(id)));
    ui.problem.textContent = T.changed;
    show(ui.problem, true);
  } catch (error) {
    startEdit(null);
    reportError(error, ui.problem);
  }
  await loadReplies();
}

/**
 * The first press asks to confirm; the second deletes.
 * @param {Reply} reply
 * @param {HTMLButtonElement} button
 */
async function removeReply(reply, button) {
  if (button.dataset.confirm !== 'true') {
    button.dataset.confirm = 'true';
    button.textContent = T.confirmRemove;
    return;
  }
  button.disabled = true;
  try {
    await api('DELETE', '/api/operator/replies/' + encodeURIComponent(reply.id));
    forgetReplies();
    toast(T.removed + reply.shortcut, 'info');
    if (editor.editing && editor.editing.id === reply.id) { startEdit(null); }
  } catch (error) {
    reportError(error);
  }
  await loadReplies();
}

export function resetReplies() {
  editor.generation++;
  startEdit(null);
  ui.list.replaceChildren();
}

export function wireReplies() {
  ui.tab.textContent = T.tab;
  ui.view.append(
    el('h2', { text: T.title }),
    el('p', { className: 'replies-intro', text: T.intro }),
    form,
    ui.list,
    ui.empty
  );
  show(ui.empty, false);
  onSubmit(form, save);
  ui.cancel.addEventListener('click', () => startEdit(null));
  startEdit(null);
}
