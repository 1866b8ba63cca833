// The knowledge base's form editor, what its parts share: the draft (the document being edited),
// inputs bound to its fields, each named by the field path the server's errors use
// ("topics[3].answer.it", "facts.price.intero", "links.email.url", "handoff.en"), the checks made as
// the admin types (the obvious rules the server also applies), and the server's errors shown on
// their fields.
import { fieldErrorTexts } from '../api.js';
import { el } from '../dom.js';
import { TEXT, fill } from '../i18n/text.js';

/** @typedef {{it: string[], en: string[]}} KeywordLists */
/** @typedef {{it: string, en: string}} Localized */
/** @typedef {{id: string, keywords: KeywordLists, answer: Localized, related?: KeywordLists | null, links?: string[] | null}} TopicDraft */
/** @typedef {{url: string, label: Localized}} LinkDraft */
/**
 * @typedef {object} KnowledgeDraft
 * @property {Record<string, string>} facts
 * @property {Record<string, LinkDraft>} links
 * @property {TopicDraft[]} topics
 * @property {KeywordLists} handoff
 * @property {KeywordLists} personRequest
 * @property {KeywordLists} frustration
 * @property {KeywordLists} ticketRequest
 */
/** @typedef {(value: string) => string | null} Check */

/** Placeholders that come from the seasons admins set (the server's SeasonFacts), not from the document's facts. */
export const SEASON_FACTS = ['season.start', 'season.end', 'season.closed_days', 'hours.open', 'hours.close', 'hours.last_entry', 'season.tickets_url', 'season.last_end'];

/** Placeholders an answer may cite besides the document's facts: the seasons', and the day's status. */
export const CONFIGURED_FACTS = [...SEASON_FACTS, 'day.status'];

const PLACEHOLDER = /\{([A-Za-z0-9_.]+)\}/g;

export const draft = {
  /** @type {KnowledgeDraft} */
  document: { facts: {}, links: {}, topics: [], handoff: { it: [], en: [] }, personRequest: { it: [], en: [] }, frustration: { it: [], en: [] }, ticketRequest: { it: [], en: [] } },
  /** Called on every edit: the shell marks the draft as changed. */
  changed: () => {}
};

/** @type {Map<string, {input: HTMLInputElement | HTMLTextAreaElement, message: HTMLElement, check: Check | undefined}>} */
const fields = new Map();

/** Forgets the inputs of the forms, before they are made again. */
export function resetFields() {
  fields.clear();
}

/** @param {string} text */
export function lines(text) {
  return text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

/** @param {string} text */
export function placeholders(text) {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1]);
}

/** Every placeholder an answer may cite: the document's facts and the configured ones. */
export function factNames() {
  return [...Object.keys(draft.document.facts), ...CONFIGURED_FACTS];
}

/**
 * A labelled input bound to one field of the draft.
 * @param {string} path the field as the server names it
 * @param {string} labelText
 * @param {{value: string, onInput: (value: string) => void, check?: Check, multiline?: boolean, rows?: number, help?: string}} options
 */
export function field(path, labelText, options) {
  const id = 'kb-' + path.replace(/[^A-Za-z0-9_-]/g, '_') + '-' + fields.size;
  const input = options.multiline
    ? el('textarea', { attrs: { id, rows: options.rows || 3, spellcheck: 'false', 'data-field': path } })
    : el('input', { attrs: { id, type: 'text', spellcheck: 'false', autocomplete: 'off', 'data-field': path } });
  const typed = /** @type {HTMLInputElement | HTMLTextAreaElement} */ (input);
  typed.value = options.value;
  const message = el('p', { className: 'kb-field-error', attrs: { id: id + '-error', 'aria-live': 'polite' } });
  message.hidden = true;
  typed.setAttribute('aria-describedby', id + '-error');
  fields.set(path, { input: typed, message, check: options.check });
  typed.addEventListener('input', () => {
    options.onInput(typed.value);
    draft.changed();
    showMessage(path, options.check ? options.check(typed.value) : null);
  });
  return el('div', { className: 'kb-field' }, [
    el('label', { text: labelText, attrs: { for: id } }),
    options.help ? el('p', { className: 'kb-help', text: options.help }) : null,
    typed,
    message
  ]);
}

/**
 * @param {string} path
 * @param {string | null} text
 */
function showMessage(path, text) {
  const found = fields.get(path);
  if (!found) {
    return;
  }
  found.message.textContent = text || '';
  found.message.hidden = !text;
  found.input.toggleAttribute('aria-invalid', Boolean(text));
}

/** Runs every field's own check; true when none fails. */
export function checkAll() {
  let valid = true;
  for (const [path, { input, check }] of fields) {
    const problem = check ? check(input.value) : null;
    showMessage(path, problem);
    valid = valid && !problem;
  }
  return valid;
}

/** The field path one level up: "topics[3].keywords.it" → "topics[3].keywords" → "topics[3]". @param {string} path */
function parent(path) {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut > 0 ? path.slice(0, cut) : null;
}

/**
 * The server's errors by field, each shown on its input (or the nearest one above it); the
 * errors no input holds are returned, for the list under the form.
 * @param {Record<string, unknown>} fieldErrors
 * @returns {string[]}
 */
export function showFieldErrors(fieldErrors) {
  /** @type {string[]} */
  const elsewhere = [];
  let first = null;
  for (const [path, errors] of Object.entries(fieldErrors)) {
    const texts = fieldErrorTexts(errors);
    /** @type {string | null} */
    let at = path;
    while (at !== null && !fields.has(at)) {
      at = parent(at);
    }
    if (at === null) {
      elsewhere.push(...texts.map((text) => where(path, text)));
      continue;
    }
    showMessage(at, texts.join(' '));
    const found = fields.get(at);
    found?.input.setAttribute('data-server-error', 'true');
    first = first || found?.input;
  }
  if (first) {
    first.closest('details')?.setAttribute('open', '');
    first.focus();
  }
  return elsewhere;
}

/**
 * An error of the server's as listed under the form, with the field it is in (as the JSON names it).
 * @param {string} path
 * @param {string} text
 */
function where(path, text) {
  return path ? path + ': ' + text : text;
}

/**
 * Every error of the server's, each with its field: the list shown when no input holds them (the JSON editor).
 * @param {Record<string, unknown>} fieldErrors
 * @returns {string[]}
 */
export function listFieldErrors(fieldErrors) {
  return Object.entries(fieldErrors).flatMap(([path, errors]) => fieldErrorTexts(errors).map((text) => where(path, text)));
}

/** @param {string} value */
export function required(value) {
  return value.trim() === '' ? TEXT.kb.required : null;
}

/** A keyword list's words: stems need 3 letters before the *. @param {string} value */
export function checkKeywords(value) {
  for (const keyword of lines(value)) {
    for (const word of keyword.split(/\s+/)) {
      const folded = word.normalize('NFD').replace(/\p{M}/gu, '');
      if (word.endsWith('*') && folded.length - 1 < 3) {
        return fill(TEXT.kb.shortStem, { word });
      }
    }
  }
  return null;
}

/** An answer: not empty, and every placeholder a fact. @param {string} value */
export function checkAnswer(value) {
  const known = new Set(factNames());
  const unknown = placeholders(value).find((name) => !known.has(name));
  return required(value) || (unknown ? fill(TEXT.kb.unknownFact, { name: unknown }) : null);
}

/**
 * An absolute https, mailto or tel address, or one placeholder holding one: the season's shop or a
 * fact (whose value the server checks).
 * @param {string} value
 */
export function checkUrl(value) {
  const whole = /^\{([A-Za-z0-9_.]+)\}$/.exec(value.trim());
  if (whole) {
    return whole[1] === 'season.tickets_url' || Object.hasOwn(draft.document.facts, whole[1]) ? null : fill(TEXT.kb.unknownFact, { name: whole[1] });
  }
  try {
    return ['https:', 'mailto:', 'tel:'].includes(new URL(value).protocol) ? null : TEXT.kb.badUrl;
  } catch {
    return TEXT.kb.badUrl;
  }
}

/**
 * A select of the facts that inserts the chosen one as {name} where the cursor is in `target`.
 * @param {HTMLTextAreaElement | HTMLInputElement} target
 * @param {string} labelText
 */
export function factPicker(target, labelText) {
  const select = /** @type {HTMLSelectElement} */ (el('select', { className: 'kb-fact-picker', attrs: { 'aria-label': labelText } }));
  // The facts may have changed since the form was made: the list is made again when it is opened.
  const list = () => select.replaceChildren(el('option', { text: TEXT.kb.insertFact, attrs: { value: '' } }),
    ...factNames().map((name) => el('option', { text: '{' + name + '}', attrs: { value: name } })));
  list();
  select.addEventListener('focus', list);
  select.addEventListener('change', () => {
    if (!select.value) {
      return;
    }
    const token = '{' + select.value + '}';
    const start = target.selectionStart ?? target.value.length;
    const end = target.selectionEnd ?? start;
    target.setRangeText(token, start, end, 'end');
    target.dispatchEvent(new Event('input'));
    target.focus();
    select.value = '';
  });
  return select;
}
