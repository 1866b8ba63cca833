// The knowledge base's facts, links and the words that hand a visitor to a person, as forms.
import { el } from '../dom.js';
import { TEXT } from '../i18n/text.js';
import { checkUrl, draft, field, required } from './kb-fields.js';
import { keywordField } from './kb-topics.js';

/** @typedef {import('./kb-fields.js').LinkDraft} LinkDraft */

/** @param {() => void} rerender */
export function factsSection(rerender) {
  /** @type {[string, string][]} */
  const entries = Object.entries(draft.document.facts);
  const keep = () => { draft.document.facts = Object.fromEntries(entries); };
  const rows = entries.map((entry, index) => {
    const remove = removeButton(() => { entries.splice(index, 1); keep(); rerender(); });
    return el('div', { className: 'kb-row', attrs: { 'data-fact': entry[0] } }, [
      field('facts.' + entry[0] + '.name', TEXT.kb.factName, { value: entry[0], onInput: (value) => { entry[0] = value.trim(); keep(); }, check: required }),
      field('facts.' + entry[0], TEXT.kb.factValue, { value: entry[1], onInput: (value) => { entry[1] = value; keep(); }, check: required }),
      remove
    ]);
  });
  const add = addButton(TEXT.kb.addFact, () => { entries.push(['', '']); keep(); rerender(); });
  return section('kb-facts-title', TEXT.kb.sections.facts, TEXT.kb.factsHelp, rows, add);
}

/** @param {() => void} rerender */
export function linksSection(rerender) {
  /** @type {[string, LinkDraft][]} */
  const entries = Object.entries(draft.document.links);
  const keep = () => { draft.document.links = Object.fromEntries(entries); };
  const rows = entries.map((entry, index) => {
    const at = 'links.' + entry[0];
    const link = entry[1];
    return el('div', { className: 'kb-row kb-link', attrs: { 'data-link': entry[0] } }, [
      field(at + '.id', TEXT.kb.linkId, { value: entry[0], onInput: (value) => { entry[0] = value.trim(); keep(); }, check: required }),
      field(at + '.url', TEXT.kb.linkUrl, { value: link.url, onInput: (value) => { link.url = value.trim(); }, check: checkUrl }),
      field(at + '.label.it', TEXT.kb.linkLabelIt, { value: link.label.it, onInput: (value) => { link.label.it = value; }, check: required }),
      field(at + '.label.en', TEXT.kb.linkLabelEn, { value: link.label.en, onInput: (value) => { link.label.en = value; }, check: required }),
      removeButton(() => { entries.splice(index, 1); keep(); rerender(); })
    ]);
  });
  const add = addButton(TEXT.kb.addLink, () => { entries.push(['', { url: 'https://', label: { it: '', en: '' } }]); keep(); rerender(); });
  return section('kb-links-title', TEXT.kb.sections.links, null, rows, add);
}

/** The hand-off words: each list in Italian and English, one per line. */
export function wordsSection() {
  /** @type {('handoff' | 'personRequest' | 'frustration' | 'ticketRequest')[]} */
  const lists = ['handoff', 'personRequest', 'frustration', 'ticketRequest'];
  const rows = lists.map((name) => {
    const words = draft.document[name];
    return el('div', { className: 'kb-words' }, [
      el('h4', { text: TEXT.kb[name] }),
      el('div', { className: 'kb-pair' }, [
        keywordField(name + '.it', TEXT.kb.italian, words.it, (value) => { words.it = value; }, null),
        keywordField(name + '.en', TEXT.kb.english, words.en, (value) => { words.en = value; }, null)
      ])
    ]);
  });
  return section('kb-words-title', TEXT.kb.sections.words, TEXT.kb.wordsHelp, rows, null);
}

/**
 * @param {string} id
 * @param {string} title
 * @param {string | null} help
 * @param {HTMLElement[]} rows
 * @param {HTMLElement | null} add
 */
function section(id, title, help, rows, add) {
  return el('section', { className: 'kb-section', attrs: { 'aria-labelledby': id } }, [
    el('h3', { text: title, attrs: { id } }),
    help ? el('p', { className: 'kb-help', text: help }) : null,
    ...rows,
    add
  ]);
}

/** @param {() => void} onClick */
function removeButton(onClick) {
  const button = el('button', { className: 'ghost danger', text: TEXT.kb.remove, attrs: { type: 'button' } });
  button.addEventListener('click', () => { onClick(); draft.changed(); });
  return button;
}

/**
 * @param {string} text
 * @param {() => void} onClick
 */
function addButton(text, onClick) {
  const button = el('button', { className: 'ghost', text, attrs: { type: 'button' } });
  button.addEventListener('click', () => { onClick(); draft.changed(); });
  return button;
}
