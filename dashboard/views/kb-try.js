// "Try it": a question answered by the draft of the knowledge base, before it is saved, in Italian
// and in English (POST /api/admin/knowledge-base/try runs the server's own answerer on the draft).
// Other views open the editor with a question ready with openKnowledgeEditor({question}), which sets
// the URL hash #knowledge?try=<question>; app.js follows that hash (at login too).
import { api } from '../api.js';
import { el, label } from '../dom.js';
import { TEXT, fill } from '../i18n/text.js';
import { checkAll, draft } from './kb-fields.js';

/** @typedef {import('../api.js').ApiError} ApiError */
/** @typedef {{topic: string | null, topics: string[], answer: string, outcome: string}} TriedAnswer */

const HASH = '#knowledge?try=';

const question = /** @type {HTMLInputElement} */ (el('input', { attrs: { id: 'kb-try-question', type: 'text', maxlength: 1000, autocomplete: 'off' } }));
const button = /** @type {HTMLButtonElement} */ (el('button', { text: TEXT.kb.tryButton, attrs: { type: 'submit', id: 'kb-try-button' } }));
const result = el('div', { className: 'kb-try-result', attrs: { id: 'kb-try-result', 'aria-live': 'polite' } });
const form = el('form', { className: 'kb-try-form' }, [
  el('label', { text: TEXT.kb.tryQuestion, attrs: { for: 'kb-try-question' } }),
  question,
  button
]);
const box = el('section', { className: 'kb-section kb-try', attrs: { 'aria-labelledby': 'kb-try-title', id: 'kb-try' } }, [
  el('h3', { text: TEXT.kb.tryTitle, attrs: { id: 'kb-try-title' } }),
  el('p', { className: 'kb-help', text: TEXT.kb.tryHelp }),
  form,
  result
]);

/** @type {(error: ApiError | null) => void} */
let onProblem = () => {};

/**
 * The "try it" box (made once: its question stays while the forms are made again).
 * @param {(error: ApiError | null) => void} problem shows the server's refusal of the draft
 */
export function trySection(problem) {
  onProblem = problem;
  return box;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  tryDraft();
});

async function tryDraft() {
  if (!question.value.trim()) {
    question.focus();
    return;
  }
  checkAll();
  button.disabled = true;
  try {
    const tried = await api('POST', '/api/admin/knowledge-base/try', { knowledgeBase: draft.document, question: question.value });
    onProblem(null);
    result.replaceChildren(answer(TEXT.kb.tryItalian, tried.it, 'it'), answer(TEXT.kb.tryEnglish, tried.en, 'en'));
  } catch (error) {
    result.replaceChildren(el('p', { className: 'problem', text: TEXT.kb.tryInvalid }));
    onProblem(/** @type {ApiError} */ (error));
  }
  button.disabled = false;
}

/**
 * @param {string} title
 * @param {TriedAnswer} tried
 * @param {string} lang
 */
function answer(title, tried, lang) {
  return el('div', { className: 'kb-try-answer', attrs: { 'data-language': lang, 'data-outcome': tried.outcome } }, [
    el('h4', { text: title }),
    el('p', { className: 'kb-try-topic', text: (tried.topic ? fill(TEXT.kb.tryTopic, { topic: tried.topics.join(', ') }) : TEXT.kb.tryNoTopic) + ' · ' + label(TEXT.kb.outcomes, tried.outcome) }),
    el('p', { className: 'kb-try-text', text: tried.answer, attrs: { lang } })
  ]);
}

/**
 * Puts a question in the box and asks it, once the draft is loaded.
 * @param {string} text
 */
export function prefillTry(text) {
  question.value = text;
  box.scrollIntoView({ block: 'nearest' });
  question.focus();
}

/**
 * Opens the knowledge base's editor with `question` in the "try it" box (for admins).
 * @param {{question?: string}} [options]
 */
export function openKnowledgeEditor(options = {}) {
  location.hash = HASH + encodeURIComponent(options.question || '');
}

/**
 * The question of a #knowledge?try=<question> hash, or null for any other hash.
 * @param {string} hash
 */
export function tryQuestionFromHash(hash) {
  if (!hash.startsWith(HASH)) {
    return null;
  }
  try {
    return decodeURIComponent(hash.slice(HASH.length));
  } catch {
    return null;
  }
}
