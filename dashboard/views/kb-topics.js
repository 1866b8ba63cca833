// The knowledge base's topics as a form: each topic's identifier, keywords and related words per
// language (one per line, with how matching works explained once above them), its answers with the
// facts offered at the cursor, and the links it offers.
import { el } from '../dom.js';
import { TEXT, fill } from '../i18n/text.js';
import { checkAnswer, checkKeywords, draft, factPicker, field, lines, required } from './kb-fields.js';

/** @typedef {import('./kb-fields.js').TopicDraft} TopicDraft */

/**
 * The topics' section, made from the draft.
 * @param {() => void} rerender makes the forms again (after a topic is added or deleted)
 */
export function topicsSection(rerender) {
  const add = el('button', { className: 'ghost', text: TEXT.kb.addTopic, attrs: { type: 'button', id: 'kb-add-topic' } });
  add.addEventListener('click', () => {
    draft.document.topics.push({ id: '', keywords: { it: [], en: [] }, answer: { it: '', en: '' } });
    draft.changed();
    rerender();
    const added = document.querySelector('.kb-topic:last-of-type');
    added?.setAttribute('open', '');
    /** @type {HTMLElement | null | undefined} */ (added?.querySelector('input'))?.focus();
  });
  return el('section', { className: 'kb-section', attrs: { 'aria-labelledby': 'kb-topics-title' } }, [
    el('h3', { text: TEXT.kb.sections.topics, attrs: { id: 'kb-topics-title' } }),
    el('p', { className: 'kb-help kb-matching', text: TEXT.kb.howMatching }),
    el('div', { className: 'kb-topics' }, draft.document.topics.map((topic, index) => topicForm(topic, index, rerender))),
    add
  ]);
}

/**
 * @param {TopicDraft} topic
 * @param {number} index
 * @param {() => void} rerender
 */
function topicForm(topic, index, rerender) {
  const at = 'topics[' + index + ']';
  const summary = el('summary', { text: fill(TEXT.kb.topic, { id: topic.id || TEXT.kb.newTopic }) });
  const remove = el('button', { className: 'ghost danger', text: TEXT.kb.removeTopic, attrs: { type: 'button' } });
  remove.addEventListener('click', () => {
    draft.document.topics.splice(index, 1);
    draft.changed();
    rerender();
  });
  const related = () => (topic.related = topic.related || { it: [], en: [] });
  return el('details', { className: 'kb-topic', attrs: { 'data-topic': topic.id } }, [
    summary,
    field(at + '.id', TEXT.kb.id, {
      value: topic.id,
      onInput: (value) => { topic.id = value.trim(); summary.textContent = fill(TEXT.kb.topic, { id: topic.id || TEXT.kb.newTopic }); },
      check: (value) => required(value) || (draft.document.topics.some((other, i) => i !== index && other.id === value.trim()) ? TEXT.kb.duplicateId : null)
    }),
    el('div', { className: 'kb-pair' }, [
      keywordField(at + '.keywords.it', TEXT.kb.keywordsIt, topic.keywords.it, (words) => { topic.keywords.it = words; }, () => topic.keywords),
      keywordField(at + '.keywords.en', TEXT.kb.keywordsEn, topic.keywords.en, (words) => { topic.keywords.en = words; }, () => topic.keywords)
    ]),
    el('div', { className: 'kb-pair' }, [
      keywordField(at + '.related.it', TEXT.kb.relatedIt, topic.related?.it || [], (words) => { related().it = words; }, null),
      keywordField(at + '.related.en', TEXT.kb.relatedEn, topic.related?.en || [], (words) => { related().en = words; }, null)
    ]),
    el('div', { className: 'kb-pair' }, [
      answerField(at + '.answer.it', TEXT.kb.answerIt, TEXT.kb.italian, topic.answer.it, (value) => { topic.answer.it = value; }),
      answerField(at + '.answer.en', TEXT.kb.answerEn, TEXT.kb.english, topic.answer.en, (value) => { topic.answer.en = value; })
    ]),
    field(at + '.links', TEXT.kb.topicLinks, {
      value: (topic.links || []).join(', '),
      onInput: (value) => { topic.links = value.split(',').map((id) => id.trim()).filter((id) => id !== ''); },
      check: (value) => {
        const missing = value.split(',').map((id) => id.trim()).find((id) => id !== '' && !Object.hasOwn(draft.document.links, id));
        return missing ? fill(TEXT.kb.unknownLink, { id: missing }) : null;
      }
    }),
    remove
  ]);
}

/**
 * @param {string} path
 * @param {string} labelText
 * @param {string[]} words
 * @param {(words: string[]) => void} set
 * @param {(() => import('./kb-fields.js').KeywordLists) | null} subject the topic's keywords, when at least one is required
 */
export function keywordField(path, labelText, words, set, subject) {
  return field(path, labelText, {
    multiline: true,
    rows: 4,
    value: words.join('\n'),
    help: TEXT.kb.oneKeywordPerLine,
    onInput: (value) => set(lines(value)),
    check: (value) => checkKeywords(value) || (subject && subject().it.length + subject().en.length === 0 ? TEXT.kb.noKeyword : null)
  });
}

/**
 * @param {string} path
 * @param {string} labelText
 * @param {string} languageName
 * @param {string} value
 * @param {(value: string) => void} set
 */
function answerField(path, labelText, languageName, value, set) {
  const wrapper = field(path, labelText, { multiline: true, rows: 5, value, onInput: set, check: checkAnswer });
  const input = /** @type {HTMLTextAreaElement} */ (wrapper.querySelector('textarea'));
  input.after(factPicker(input, fill(TEXT.kb.insertFactLabel, { language: languageName })));
  return wrapper;
}
