// The knowledge base, for admins: the current version as JSON to edit, saved as a new version
// (If-Match the version it was loaded from), the server's refusals as text, and the history with
// a restore for every older version.
import { api } from '../api.js';
import { $, el, moment, onSubmit, show, toast } from '../dom.js';
import { TEXT, fill } from '../i18n/text.js';

/** @typedef {import('../api.js').ApiError} ApiError */

/**
 * @typedef {object} Version
 * @property {number} version
 * @property {string} [source]
 * @property {string} [savedBy]
 * @property {string} [savedAt]
 * @property {number} [size]
 * @property {number | null} [restoredFrom]
 */

const ui = {
  current: $('knowledge-current'), form: $('knowledge-form', HTMLFormElement), text: $('knowledge-text', HTMLTextAreaElement),
  problem: $('knowledge-problem'), detail: $('knowledge-detail'), errors: $('knowledge-errors'), hint: $('knowledge-hint'),
  reload: $('knowledge-reload'), save: $('knowledge-save', HTMLButtonElement), versions: $('knowledge-versions')
};

const editor = {
  /** The version the text in the editor was loaded from (sent as If-Match). @type {number | null} */
  edited: null,
  dirty: false,     // the admin changed the text since it was loaded: a reload must not discard it
  generation: 0,    // only the newest load is shown
  busy: false
};

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
      editor.edited = current.version;
      editor.dirty = false;
      showProblem(null);
    }
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
 * @param {Version} version
 * @param {boolean} long
 */
function describeVersion(version, long) {
  const words = TEXT.knowledge;
  const parts = [fill(words.version, { version: version.version })];
  if (version.source === 'file') {
    parts.push(words.fromFile);
  } else {
    parts.push(long ? fill(words.savedBy, { who: version.savedBy }) : String(version.savedBy), moment(version.savedAt));
  }
  parts.push(fill(words.size, { size: version.size }));
  if (version.restoredFrom !== undefined && version.restoredFrom !== null) {
    parts.push(fill(words.restoredFrom, { version: version.restoredFrom }));
  }
  return parts.join(' · ');
}

/**
 * @param {Version[]} items
 * @param {number} current
 */
function renderVersions(items, current) {
  ui.versions.replaceChildren(...items.map((item) => {
    let restore;
    if (item.version === current) {
      restore = el('span', { className: 'badge', text: TEXT.knowledge.inUse });
    } else {
      const button = el('button', { className: 'ghost', text: TEXT.knowledge.restore, attrs: { type: 'button', 'aria-label': fill(TEXT.knowledge.restoreLabel, { version: item.version }) } });
      button.addEventListener('click', () => restoreVersion(item.version, current, button));
      restore = button;
    }
    return el('li', { className: 'knowledge-version', attrs: { 'data-version': item.version } }, [
      el('span', { text: describeVersion(item, false) }),
      restore
    ]);
  }));
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
  const errors = Array.isArray(error.problem && error.problem.errors) ? /** @type {unknown[]} */ (error.problem.errors) : [];
  ui.detail.textContent = errors.length === 0 ? error.message : errors.length === 1 ? TEXT.knowledge.oneError : fill(TEXT.knowledge.errors, { count: errors.length });
  ui.errors.replaceChildren(...errors.map((text) => el('li', { text })));
  show(ui.problem, true);
}

async function save() {
  if (editor.busy) {
    return;
  }
  editor.busy = true;
  ui.save.disabled = true;
  /** @type {Record<string, string>} */
  const headers = editor.edited === null ? {} : { 'If-Match': '"' + editor.edited + '"' };
  try {
    const saved = await api('PUT', '/api/admin/knowledge-base', ui.text.value, { text: true, headers });
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
 * The editor at a topic (from the blind spots): the current version loaded, the topic's id selected
 * and scrolled to, so that the admin starts where the answer is.
 * @param {string} id
 */
export async function showTopic(id) {
  await loadKnowledge(false);
  const needle = '"id": ' + JSON.stringify(id);
  const at = ui.text.value.indexOf(needle);
  if (at < 0) {
    return;
  }
  ui.text.focus();
  ui.text.setSelectionRange(at, at + needle.length);
  const line = ui.text.value.slice(0, at).split('\n').length - 1;
  ui.text.scrollTop = Math.max(0, line * (parseFloat(getComputedStyle(ui.text).lineHeight) || 18) - 40);
}

export function resetKnowledge() {
  Object.assign(editor, { edited: null, dirty: false, generation: editor.generation + 1, busy: false });
  ui.text.value = '';
  ui.current.textContent = '';
  ui.hint.textContent = '';
  ui.versions.replaceChildren();
  showProblem(null);
}

export function wireKnowledge() {
  onSubmit(ui.form, save);
  ui.reload.addEventListener('click', () => loadKnowledge(true));
  ui.text.addEventListener('input', () => { editor.dirty = true; });
}
