// The seasons, for admins: every season as a group of fields (dates, closed days, hours, the
// ticket shop's link), saved together as a new version (If-Match the version they were loaded
// from); the server's refusals next to their fields; the history, each version loadable to edit.
import { ApiError, api, fieldErrorTexts, reportError } from '../api.js';
import { $, el, moment, onSubmit, show, toast } from '../dom.js';
import { TEXT, fill, locale } from '../i18n/text.js';

const T = TEXT.seasons;

/**
 * @typedef {object} Season
 * @property {string} start
 * @property {string} end
 * @property {string[]} closedDays
 * @property {string} opens
 * @property {string} closes
 * @property {string} lastEntry
 * @property {string | null} [ticketsUrl]
 */

/**
 * @typedef {object} Schedule
 * @property {number} version
 * @property {string} [source]
 * @property {string | null} [savedBy]
 * @property {string | null} [savedAt]
 * @property {Season[]} seasons
 * @property {{ code: string, lastEnd: string, expectedOpening: string } | null} [warning]
 */

/** The fields of a season: its name in the server's `errors`, its input type, its label. */
const FIELDS = /** @type {const} */ ([
  ['start', 'date', T.start], ['end', 'date', T.end], ['closedDays', 'text', T.closedDays],
  ['opens', 'time', T.opens], ['closes', 'time', T.closes], ['lastEntry', 'time', T.lastEntry], ['ticketsUrl', 'url', T.ticketsUrl]
]);

const ui = {
  view: $('view-seasons'), tab: $('tab-seasons'),
  current: el('p', { className: 'seasons-current', attrs: { id: 'seasons-current' } }),
  warning: el('p', { className: 'seasons-warning', attrs: { id: 'seasons-warning', role: 'status' } }),
  list: el('div', { className: 'seasons-list', attrs: { id: 'seasons-list' } }),
  problem: el('p', { className: 'problem', attrs: { role: 'alert', id: 'seasons-problem' } }),
  hint: el('span', { className: 'composer-hint', attrs: { id: 'seasons-hint' } }),
  add: el('button', { className: 'ghost', text: T.add, attrs: { type: 'button', id: 'seasons-add' } }),
  reload: el('button', { className: 'ghost', text: T.reload, attrs: { type: 'button', id: 'seasons-reload' } }),
  save: el('button', { text: T.save, attrs: { type: 'submit', id: 'seasons-save' } }),
  versions: el('ol', { className: 'seasons-versions', attrs: { id: 'seasons-versions', 'aria-label': T.history } })
};
const form = el('form', { className: 'seasons-form', attrs: { id: 'seasons-form', novalidate: '' } }, [
  ui.list, ui.problem, el('div', { className: 'composer-foot' }, [ui.hint, ui.add, ui.reload, ui.save])
]);

const editor = {
  /** The current version when the fields were loaded (sent as If-Match). @type {number | null} */
  current: null,
  generation: 0,
  busy: false
};

/**
 * Shows the current schedule and the history; the fields get the current seasons unless `keep`
 * (the admin's unsaved fields stay).
 * @param {boolean} [keep]
 */
export async function loadSeasons(keep) {
  const generation = ++editor.generation;
  try {
    const [current, history] = await Promise.all([api('GET', '/api/admin/seasons'), api('GET', '/api/admin/seasons/versions')]);
    if (generation !== editor.generation) {
      return;
    }
    ui.current.textContent = describe(current);
    renderWarning(current.warning);
    if (!keep || editor.current === null) {
      editor.current = current.version;
      renderSeasons(current.seasons);
      ui.hint.textContent = '';
      showProblems(null);
    }
    renderVersions((history && history.items) || []);
  } catch (error) {
    if (generation === editor.generation) { reportError(error, ui.problem); show(ui.problem, true); }
  }
}

/** @param {{ version: number, source?: string, savedBy?: string | null, savedAt?: string | null }} version */
function describe(version) {
  const parts = [fill(T.version, { version: version.version })];
  parts.push(version.source === 'file' ? T.fromConfig : fill(T.savedBy, { who: version.savedBy || '' }) + ' · ' + moment(version.savedAt));
  return parts.join(' · ');
}

/** @param {Schedule['warning']} warning */
function renderWarning(warning) {
  ui.warning.textContent = warning ? seasonWarningText(warning) : '';
  show(ui.warning, !!warning);
}

/**
 * What staff are told about a season warning, in the console's language.
 * @param {{ code: string, lastEnd: string, expectedOpening: string }} warning
 */
export function seasonWarningText(warning) {
  const words = /** @type {Record<string, string>} */ (T.warnings);
  const sentence = words[warning.code] || words['season-over'];
  return fill(sentence, { lastEnd: day(warning.lastEnd), expectedOpening: day(warning.expectedOpening) });
}

/** @param {string} value a yyyy-mm-dd date, shown in the console's language */
function day(value) {
  const parsed = new Date(value + 'T12:00:00Z');
  return Number.isNaN(parsed.getTime()) ? value : parsed.toLocaleDateString(locale(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** @param {Season[]} seasons */
function renderSeasons(seasons) {
  ui.list.replaceChildren(...seasons.map((season, index) => seasonFields(season, index)));
}

/**
 * @param {Season | null} season
 * @param {number} index
 */
function seasonFields(season, index) {
  const group = el('fieldset', { className: 'season card', attrs: { 'data-season': index } });
  const legend = el('legend', { text: fill(T.season, { number: index + 1 }) });
  const remove = el('button', { className: 'ghost danger', text: T.remove, attrs: { type: 'button' } });
  remove.addEventListener('click', () => { group.remove(); renumber(); });
  group.append(legend, ...FIELDS.map(([name, type, text]) => {
    const id = 'season-' + index + '-' + name;
    const value = !season ? '' : name === 'closedDays' ? season.closedDays.join(', ') : season[name] || '';
    const input = el('input', { attrs: { id, type, name, value, autocomplete: 'off', 'aria-describedby': id + '-error' } });
    const error = el('p', { className: 'field-error', attrs: { id: id + '-error' } });
    error.hidden = true;
    return el('div', { className: 'season-field', attrs: { 'data-field': name } }, [el('label', { text, attrs: { for: id } }), input, error]);
  }), remove);
  return group;
}

/** After a removal the seasons are numbered again, and their fields named by their new place. */
function renumber() {
  ui.list.querySelectorAll('fieldset.season').forEach((group, index) => {
    group.setAttribute('data-season', String(index));
    const legend = group.querySelector('legend');
    if (legend) { legend.textContent = fill(T.season, { number: index + 1 }); }
  });
}

/** The seasons as the fields say them, for the server to check. */
function readSeasons() {
  return Array.from(ui.list.querySelectorAll('fieldset.season')).map((group) => {
    /** @param {string} name */
    const value = (name) => {
      const input = group.querySelector('[data-field="' + name + '"] input');
      return input instanceof HTMLInputElement ? input.value.trim() : '';
    };
    return {
      start: value('start') || null, end: value('end') || null,
      closedDays: value('closedDays').split(/[\s,;]+/).filter(Boolean),
      opens: value('opens') || null, closes: value('closes') || null, lastEntry: value('lastEntry') || null,
      ticketsUrl: value('ticketsUrl') || null
    };
  });
}

/**
 * The server's refusal: each field's errors next to it (seasons[1].end), anything else above the buttons.
 * @param {ApiError | null} error
 */
function showProblems(error) {
  const errors = error && error.problem && typeof error.problem.fieldErrors === 'object' && error.problem.fieldErrors ? /** @type {Record<string, unknown>} */ (error.problem.fieldErrors) : {};
  let placed = 0;
  ui.list.querySelectorAll('fieldset.season').forEach((group, index) => {
    group.querySelectorAll('.season-field').forEach((node) => {
      const list = fieldErrorTexts(errors['seasons[' + index + '].' + node.getAttribute('data-field')]);
      const text = node.querySelector('.field-error');
      const input = node.querySelector('input');
      if (text instanceof HTMLElement) { text.textContent = list.join(' '); show(text, list.length > 0); }
      if (input) { if (list.length > 0) { input.setAttribute('aria-invalid', 'true'); } else { input.removeAttribute('aria-invalid'); } }
      placed += list.length > 0 ? 1 : 0;
    });
  });
  const general = !!error && placed === 0;
  ui.problem.textContent = general && error ? error.message : '';
  show(ui.problem, general);
  const first = ui.list.querySelector('[aria-invalid="true"]');
  if (first instanceof HTMLElement) { first.focus(); }
}

async function save() {
  if (editor.busy) {
    return;
  }
  editor.busy = true;
  ui.save.disabled = true;
  try {
    const headers = editor.current === null ? undefined : { 'If-Match': '"' + editor.current + '"' };
    const saved = await api('PUT', '/api/admin/seasons', { seasons: readSeasons() }, { headers });
    toast(fill(T.saved, { version: saved.version }), 'info');
    editor.current = null;
    await loadSeasons();
  } catch (error) {
    if (error instanceof ApiError && error.status !== 0 && error.status !== 401) {
      showProblems(error);
    } else {
      reportError(error);
    }
  } finally {
    editor.busy = false;
    ui.save.disabled = false;
  }
}

/** @param {Array<{ version: number, source?: string, savedBy?: string | null, savedAt?: string | null }>} items */
function renderVersions(items) {
  ui.versions.replaceChildren(...items.map((item) => {
    const load = el('button', { className: 'ghost', text: T.load, attrs: { type: 'button', 'aria-label': T.load + ' (' + fill(T.version, { version: item.version }) + ')' } });
    load.addEventListener('click', () => loadVersion(item.version));
    return el('li', { className: 'version-item', attrs: { 'data-version': item.version } }, [el('span', { text: describe(item) }), load]);
  }));
}

/** @param {number} version an older version's seasons in the fields, saved (if the admin wants) as a new version */
async function loadVersion(version) {
  try {
    const old = await api('GET', '/api/admin/seasons/versions/' + version);
    renderSeasons(old.seasons);
    showProblems(null);
    ui.hint.textContent = fill(T.editingOld, { edited: version, current: editor.current === null ? '' : editor.current });
  } catch (error) {
    reportError(error, ui.problem);
    show(ui.problem, true);
  }
}

export function resetSeasons() {
  editor.generation++;
  editor.current = null;
  ui.list.replaceChildren();
  ui.versions.replaceChildren();
  showProblems(null);
}

export function wireSeasons() {
  ui.tab.textContent = T.tab;
  ui.view.append(el('h2', { text: T.title }), el('p', { className: 'seasons-intro', text: T.intro }), ui.current, ui.warning, form,
    el('h3', { text: T.history }), ui.versions);
  show(ui.warning, false);
  show(ui.problem, false);
  ui.add.addEventListener('click', () => {
    ui.list.append(seasonFields(null, ui.list.querySelectorAll('fieldset.season').length));
  });
  ui.reload.addEventListener('click', () => { editor.current = null; loadSeasons(); });
  onSubmit(form, save);
}
