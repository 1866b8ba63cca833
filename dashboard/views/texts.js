// The customer texts, for admins: every sentence Lucine says to customers (keys of
// Content/templates.json), in Italian and English, with the placeholders each may use, a preview
// with sample values, checks as the admin types (the server's rules: only the facts and the text's
// own placeholders, and its own ones kept), the server's errors on their fields, and the versions
// with a restore, like the knowledge base's.
import { api, fieldErrorTexts } from '../api.js';
import { $, el, onSubmit, show, toast } from '../dom.js';
import { TEXT, fill } from '../i18n/text.js';
import { SEASON_FACTS } from './kb-fields.js';
import { describeVersion, versionItems } from './versions.js';

/** @typedef {import('../api.js').ApiError} ApiError */
/** @typedef {Record<string, {it: string, en: string}>} Texts */

const PLACEHOLDER = /\{([A-Za-z0-9_.]+)\}/g;

const ui = {
  current: $('texts-current'), form: $('texts-form', HTMLFormElement), list: $('texts-list'), filter: $('texts-filter', HTMLInputElement),
  problem: $('texts-problem'), errors: $('texts-errors'), save: $('texts-save', HTMLButtonElement), versions: $('texts-versions')
};

const editor = {
  /** @type {Texts} */
  texts: {},
  /** The shipped texts (version 0): each text keeps the own placeholders its shipped one uses. @type {Texts} */
  shipped: {},
  /** @type {Record<string, string>} */
  facts: {},
  /** @type {number | null} */
  edited: null,
  dirty: false
};

/** @param {string} text */
function names(text) {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1]);
}

/** A text's own placeholders (not facts): the ones its shipped text uses. @param {string} key */
function own(key) {
  const shipped = editor.shipped[key];
  const all = shipped ? [...names(shipped.it), ...names(shipped.en)] : [];
  return [...new Set(all.filter((name) => !Object.hasOwn(editor.facts, name) && !SEASON_FACTS.includes(name)))];
}

/**
 * @param {string} key
 * @param {'it' | 'en'} language
 * @param {string} value
 */
function check(key, language, value) {
  if (!value.trim()) {
    return TEXT.kb.required;
  }
  const allowed = own(key);
  const unknown = names(value).find((name) => !allowed.includes(name) && !Object.hasOwn(editor.facts, name) && !SEASON_FACTS.includes(name));
  if (unknown) {
    return fill(TEXT.texts.unknown, { name: unknown });
  }
  const shipped = editor.shipped[key];
  const dropped = shipped ? names(shipped[language]).find((name) => allowed.includes(name) && !names(value).includes(name)) : undefined;
  return dropped ? fill(TEXT.texts.mustKeep, { name: dropped }) : null;
}

/** The text with facts and sample values in place of its placeholders. @param {string} value */
function preview(value) {
  /** @type {Record<string, string>} */
  const samples = TEXT.texts.samples;
  return value.replace(PLACEHOLDER, (whole, name) => editor.facts[name] ?? samples[name] ?? whole);
}

/**
 * Loads the current texts, the shipped ones and the history (after the knowledge base, whose facts
 * the texts cite).
 * @param {Record<string, string>} facts
 */
export async function loadTexts(facts) {
  editor.facts = facts;
  try {
    const [current, shipped, history] = await Promise.all([
      api('GET', '/api/admin/texts'), api('GET', '/api/admin/texts/versions/0'), api('GET', '/api/admin/texts/versions')
    ]);
    editor.shipped = shipped.document;
    ui.current.textContent = describeVersion(current, true);
    if (!editor.dirty || editor.edited === null) {
      editor.texts = current.document;
      editor.edited = current.version;
      render();
    }
    ui.versions.replaceChildren(...versionItems(history.items || [], current.version, (version, button) => restore(version, current.version, button)));
  } catch (error) {
    showProblem(/** @type {ApiError} */ (error));
  }
}

function render() {
  showProblem(null);
  ui.list.replaceChildren(...Object.keys(editor.texts).map((key) => {
    const allowed = own(key);
    return el('div', { className: 'text-item', attrs: { 'data-key': key } }, [
      el('h4', { text: key }),
      el('p', { className: 'kb-help', text: allowed.length ? fill(TEXT.texts.placeholders, { names: allowed.map((n) => '{' + n + '}').join(' ') }) : TEXT.texts.noPlaceholders }),
      el('div', { className: 'kb-pair' }, [textField(key, 'it'), textField(key, 'en')])
    ]);
  }));
  filter();
}

/**
 * @param {string} key
 * @param {'it' | 'en'} language
 */
function textField(key, language) {
  const id = 'text-' + key.replace(/\W/g, '_') + '-' + language;
  const input = /** @type {HTMLTextAreaElement} */ (el('textarea', { attrs: { id, rows: 3, 'data-field': key + '.' + language, lang: language, 'aria-describedby': id + '-error' } }));
  input.value = editor.texts[key][language];
  const message = el('p', { className: 'kb-field-error', attrs: { id: id + '-error' } });
  const shown = el('p', { className: 'text-preview', text: preview(input.value), attrs: { lang: language } });
  const mark = () => {
    const problem = check(key, language, input.value);
    message.textContent = problem || '';
    show(message, Boolean(problem));
    input.toggleAttribute('aria-invalid', Boolean(problem));
  };
  show(message, false);
  input.addEventListener('input', () => {
    editor.texts[key][language] = input.value;
    editor.dirty = true;
    shown.textContent = preview(input.value);
    mark();
  });
  return el('div', { className: 'kb-field' }, [
    el('label', { text: language === 'it' ? TEXT.kb.italian : TEXT.kb.english, attrs: { for: id } }),
    input,
    message,
    el('p', { className: 'text-preview-title', text: TEXT.texts.preview }),
    shown
  ]);
}

function filter() {
  const words = ui.filter.value.trim().toLowerCase();
  for (const item of ui.list.querySelectorAll('.text-item')) {
    const key = item.getAttribute('data-key') || '';
    const { it, en } = editor.texts[key];
    show(/** @type {HTMLElement} */ (item), !words || [key, it, en].some((text) => text.toLowerCase().includes(words)));
  }
}

/** The server's refusal: each error on its field, the others listed. @param {ApiError | null} error */
function showProblem(error) {
  ui.errors.replaceChildren();
  if (!error) {
    show(ui.problem, false);
    return;
  }
  /** @type {Record<string, unknown>} */
  const byField = (error.problem && error.problem.fieldErrors) || {};
  /** @type {string[]} */
  const elsewhere = [];
  for (const [path, errors] of Object.entries(byField)) {
    const texts = fieldErrorTexts(errors);
    const input = ui.list.querySelector('[data-field="' + CSS.escape(path) + '"]');
    const message = input && input.parentElement && input.parentElement.querySelector('.kb-field-error');
    if (input && message) {
      message.textContent = texts.join(' ');
      show(/** @type {HTMLElement} */ (message), true);
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('data-server-error', 'true');
      show(/** @type {HTMLElement} */ (input.closest('.text-item')), true);
    } else {
      elsewhere.push(...texts.map((text) => path + ': ' + text));
    }
  }
  ui.errors.replaceChildren(el('li', { text: error.message }), ...elsewhere.map((text) => el('li', { text })));
  show(ui.problem, true);
}

async function save() {
  ui.save.disabled = true;
  /** @type {Record<string, string>} */
  const headers = editor.edited === null ? {} : { 'If-Match': '"' + editor.edited + '"' };
  try {
    const saved = await api('PUT', '/api/admin/texts', JSON.stringify(editor.texts, null, 2), { text: true, headers });
    toast(fill(TEXT.texts.saved, { version: saved.version }), 'info');
    editor.dirty = false;
    editor.edited = null;
    await loadTexts(editor.facts);
  } catch (error) {
    showProblem(/** @type {ApiError} */ (error));
  }
  ui.save.disabled = false;
}

/**
 * @param {number} version
 * @param {number} current
 * @param {HTMLButtonElement} button
 */
async function restore(version, current, button) {
  button.disabled = true;
  try {
    const saved = await api('POST', '/api/admin/texts/versions/' + version + '/restore', undefined, { headers: { 'If-Match': '"' + current + '"' } });
    toast(fill(TEXT.texts.restored, { from: version, version: saved.version }), 'info');
    editor.dirty = false;
    editor.edited = null;
    await loadTexts(editor.facts);
  } catch (error) {
    button.disabled = false;
    showProblem(/** @type {ApiError} */ (error));
  }
}

export function resetTexts() {
  Object.assign(editor, { texts: {}, shipped: {}, facts: {}, edited: null, dirty: false });
  ui.list.replaceChildren();
  ui.versions.replaceChildren();
  ui.current.textContent = '';
  showProblem(null);
}

export function wireTexts() {
  onSubmit(ui.form, save);
  ui.filter.addEventListener('input', filter);
}
