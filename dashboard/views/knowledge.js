// The knowledge base, for admins: the current version in a form editor (topics, facts, links,
// hand-off words, "try it"; views/kb-*.js) or, for experts, as JSON; saved as a new version
// (If-Match the version it was loaded from), the server's refusals on their fields and as text,
// and the history with a restore for every older version.
import { api } from '../api.js';
import { $, el, onSubmit, show, toast } from '../dom.js';
import { TEXT, fill } from '../i18n/text.js';
import { factsSection, linksSection, wordsSection } from './kb-facts.js';
import { checkAll, draft, listFieldErrors, resetFields, showFieldErrors } from './kb-fields.js';
import { topicsSection } from './kb-topics.js';
import { trySection } from './kb-try.js';
import { loadTexts, resetTexts, wireTexts } from './texts.js';
import { describeVersion, versionItems } from './versions.js';

/** @typedef {import('../api.js').ApiError} ApiError */

/** @typedef {import('./versions.js').Version} Version */

const ui = {
  current: $('knowledge-current'), form: $('knowledge-form', HTMLFormElement), text: $('knowledge-text', HTMLTextAreaElement),
  problem: $('knowledge-problem'), detail: $('knowledge-detail'), errors: $('knowledge-errors'), hint: $('knowledge-hint'),
  reload: $('knowledge-reload'), save: $('knowledge-save', HTMLButtonElement), versions: $('knowledge-versions'),
  forms: $('knowledge-forms'), json: $('knowledge-json'), formMode: $('knowledge-mode-form', HTMLButtonElement), jsonMode: $('knowledge-mode-json', HTMLButtonElement)
};

const editor = {
  /** The version the text in the editor was loaded from (sent as If-Match). @type {number | null} */
  edited: null,
  dirty: false,     // the admin changed the text since it was loaded: a reload must not discard it
  generation: 0,    // only the newest load is shown
  busy: false,
  /** The form editor, or the JSON for experts. @type {'form' | 'json'} */
  mode: 'form'
};

draft.changed = () => { editor.dirty = true; };

/**
 * Shows the current version and the history. The editor gets the current document unless the
 * admin has unsaved changes there (`replace` forces it: the "reload" button, after a save).
 * @param {boolean} replace
 */
export async function loadKnowledge(replace) {
  const generation = ++editor.generation;
  try {
    const [current, history] = await Promise.all([
      api('GET', '/api/admin/knowledge-base'),
      api('GET', '/api/admin/knowledge-base/versions')
    ]);
    if (generation !== editor.generation) {
      return;
    }
    ui.current.textContent = describeVersion(current, true);
    ui.current.dataset.version = current.version;
    if (replace || !editor.dirty || editor.edited === null) {
      ui.text.value = JSON.stringify(current.document, null, 2);
      draft.document = current.document;
      renderForms();
      editor.edited = current.version;
      editor.dirty = false;
      showProblem(null);
    }
    loadTexts(current.document.facts || {});
    ui.hint.textContent = fill(editor.edited === current.version ? TEXT.knowledge.editing : TEXT.knowledge.editingOld,
      { edited: editor.edited, current: current.version });
    renderVersions((history && history.items) || [], current.version);
  } catch (error) {
    if (generation === editor.generation) {
      showProblem(/** @type {ApiError} */ (error));
    }
  }
}

/**
 * @param {Version[]} items
 * @param {number} current
 */
function renderVersions(items, current) {
  ui.versions.replaceChildren(...versionItems(items, current, (version, button) => restoreVersion(version, current, button)));
}

/**
 * The server's refusal: what it means, then every error it found in the document (line and column
 * included), as the server wrote them.
 * @param {ApiError | null} error
 */
function showProblem(error) {
  ui.errors.replaceChildren();
  if (!error) {
    show(ui.problem, false);
    return;
  }
  if (error.status === 401) {
    return;
  }
  let errors = Array.isArray(error.problem && error.problem.errors) ? /** @type {string[]} */ (error.problem.errors) : [];
  const byField = error.problem && error.problem.fieldErrors;
  if (byField && typeof byField === 'object') {
    // The errors shown on their fields are not listed again.
    const fieldErrors = /** @type {Record<string, unknown>} */ (byField);
    errors = editor.mode === 'form' ? showFieldErrors(fieldErrors) : listFieldErrors(fieldErrors);
  }
  const count = Array.isArray(error.problem && error.problem.errors) ? /** @type {unknown[]} */ (error.problem.errors).length : 0;
  ui.detail.textContent = count === 0 ? error.message : count === 1 ? TEXT.knowledge.oneError : fill(TEXT.knowledge.errors, { count });
  ui.errors.replaceChildren(...errors.map((text) => el('li', { text })));
  show(ui.problem, true);
}

async function save() {
  if (editor.busy) {
    return;
  }
  if (editor.mode === 'form' && !checkAll()) {
    return;
  }
  editor.busy = true;
  ui.save.disabled = true;
  const body = editor.mode === 'form' ? JSON.stringify(draft.document, null, 2) : ui.text.value;
  /** @type {Record<string, string>} */
  const headers = editor.edited === null ? {} : { 'If-Match': '"' + editor.edited + '"' };
  try {
    const saved = await api('PUT', '/api/admin/knowledge-base', body, { text: true, headers });
    toast(fill(TEXT.knowledge.saved, { version: saved.version }), 'info');
    await loadKnowledge(true);
  } catch (error) {
    showProblem(/** @type {ApiError} */ (error));
  }
  editor.busy = false;
  ui.save.disabled = false;
}

/**
 * @param {number} version
 * @param {number} current
 * @param {HTMLButtonElement} button
 */
async function restoreVersion(version, current, button) {
  button.disabled = true;
  try {
    const saved = await api('POST', '/api/admin/knowledge-base/versions/' + version + '/restore', undefined, { headers: { 'If-Match': '"' + current + '"' } });
    toast(fill(TEXT.knowledge.restored, { from: version, version: saved.version }), 'info');
    await loadKnowledge(true);
  } catch (error) {
    button.disabled = false;
    showProblem(/** @type {ApiError} */ (error));
  }
}

/**
 * The editor at a topic (from the blind spots): the current version loaded in the form editor, the
 * topic's form opened and scrolled to, so that the admin starts where the answer is.
 * @param {string} id
 */
export async function showTopic(id) {
  await loadKnowledge(false);
  setMode('form');
  const topic = Array.from(ui.forms.querySelectorAll('.kb-topic')).find((details) => details.getAttribute('data-topic') === id);
  if (!topic) {
    return;
  }
  topic.setAttribute('open', '');
  topic.scrollIntoView({ block: 'start' });
  /** @type {HTMLElement | null} */ (topic.querySelector('summary'))?.focus();
}

export function resetKnowledge() {
  Object.assign(editor, { edited: null, dirty: false, generation: editor.generation + 1, busy: false });
  ui.text.value = '';
  ui.forms.replaceChildren();
  ui.current.textContent = '';
  ui.hint.textContent = '';
  ui.versions.replaceChildren();
  showProblem(null);
  resetTexts();
}

export function wireKnowledge() {
  onSubmit(ui.form, save);
  ui.reload.addEventListener('click', () => loadKnowledge(true));
  ui.text.addEventListener('input', () => { editor.dirty = true; });
  wireTexts();
  ui.formMode.addEventListener('click', () => setMode('form'));
  ui.jsonMode.addEventListener('click', () => setMode('json'));
  setMode('form');
}

/** Makes the forms from the draft again (after a load, or a topic, fact or link added or deleted). */
function renderForms() {
  resetFields();
  ui.forms.replaceChildren(
    trySection(showProblem), topicsSection(renderForms), factsSection(renderForms), linksSection(renderForms), wordsSection());
}

/**
 * The form editor and the JSON show the same draft: switching carries it across (JSON that does
 * not parse keeps the admin in the JSON until it is fixed).
 * @param {'form' | 'json'} mode
 */
function setMode(mode) {
  if (mode === 'form' && editor.mode === 'json') {
    try {
      draft.document = JSON.parse(ui.text.value);
      renderForms();
    } catch {
      toast(TEXT.kb.jsonInvalid, 'error');
      return;
    }
  } else if (mode === 'json' && editor.mode === 'form') {
    ui.text.value = JSON.stringify(draft.document, null, 2);
  }
  editor.mode = mode;
  show(ui.forms, mode === 'form');
  show(ui.json, mode === 'json');
  ui.formMode.setAttribute('aria-pressed', String(mode === 'form'));
  ui.jsonMode.setAttribute('aria-pressed', String(mode === 'json'));
}
