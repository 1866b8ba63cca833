// The Statistiche tab: the period (today, 7 days, 30 days, the season, or from/to), then for
// supervisors and admins the park's figures (key figures, charts or the same figures as tables, the
// operators, the CSV of the period), for an operator their own figures, and for admins the
// assistant's blind spots. Days are the park's (Europe/Rome), as the reports API counts them.
import { api, downloadFile, reportError } from '../api.js';
import { $, el, show } from '../dom.js';
import { TEXT, fill } from '../i18n/text.js';
import { isAdmin, isSupervisor, state } from '../state.js';
import { blindSpotsSection, loadBlindSpots, resetBlindSpots, wireBlindSpots } from './blind-spots.js';
import { clearCharts, drawCharts } from './report-charts.js';
import { dayLabel, keyFigures, mineFigures, operatorsFigure, overviewFigures } from './report-figures.js';
import { figureTable, keyFigureList } from './report-tables.js';

const T = TEXT.reports;
const TIME_ZONE = 'Europe/Rome';

/** @typedef {'today' | 'week' | 'month' | 'season' | 'custom'} Preset */
/** @typedef {import('./report-figures.js').Figure} Figure */

/** @type {Preset[]} */
const PRESETS = ['today', 'week', 'month', 'season', 'custom'];

const ui = {
  view: $('view-reports'),
  intro: el('p', { className: 'reports-intro' }),
  presets: el('div', { className: 'report-presets', attrs: { role: 'group', 'aria-label': T.range } },
    PRESETS.map((p) => el('button', { className: 'ghost', text: T.presets[p], attrs: { type: 'button', 'data-preset': p, 'aria-pressed': 'false' } }))),
  from: el('input', { attrs: { type: 'date', id: 'reports-from', required: '' } }),
  to: el('input', { attrs: { type: 'date', id: 'reports-to', required: '' } }),
  hint: el('p', { className: 'report-hint', text: T.seasonHint, attrs: { hidden: '' } }),
  toggle: el('button', { className: 'ghost', text: T.showTables, attrs: { type: 'button', id: 'reports-tables', 'aria-pressed': 'false' } }),
  download: el('button', { className: 'ghost', text: T.download, attrs: { type: 'button', id: 'reports-csv' } }),
  period: el('p', { className: 'report-period', attrs: { id: 'reports-period', role: 'status' } }),
  problem: el('p', { className: 'problem', attrs: { role: 'alert', id: 'reports-problem', hidden: '' } }),
  keys: el('div', { className: 'report-key-figures', attrs: { id: 'reports-keys' } }),
  charts: el('div', { className: 'report-charts', attrs: { id: 'reports-charts' } }),
  tables: el('div', { className: 'report-tables', attrs: { id: 'reports-tables-view', hidden: '' } }),
  operators: el('section', { className: 'report-operators', attrs: { id: 'reports-operators', hidden: '' } })
};

const form = el('form', { className: 'filters report-range', attrs: { id: 'reports-range', novalidate: '' } }, [
  ui.presets,
  el('label', {}, [el('span', { text: T.from }), ui.from]),
  el('label', {}, [el('span', { text: T.to }), ui.to]),
  el('button', { text: T.apply, attrs: { type: 'submit' } })
]);

const report = {
  /** @type {Preset} */
  preset: 'week',
  tables: false,
  /** The figures shown, to draw again as charts when the toggle goes back. @type {Figure[]} */
  figures: [],
  generation: 0
};

/** Today in the park, as a date input writes it ("2026-12-05"). */
function parkToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/**
 * @param {string} day
 * @param {number} days
 */
function addDays(day, days) {
  const date = new Date(day + 'T00:00:00Z');
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * The season as the console knows it: no API tells its dates to every role, so it is the park's
 * season from 1 November (of this year, or of last year in January and after) to today.
 * @param {string} today
 */
function seasonStart(today) {
  const [year, month] = today.split('-').map(Number);
  return (month >= 11 ? year : year - 1) + '-11-01';
}

/** @param {Preset} preset */
function choose(preset) {
  report.preset = preset;
  const today = parkToday();
  /** @type {Record<Preset, string>} */
  const from = { today, week: addDays(today, -6), month: addDays(today, -29), season: seasonStart(today), custom: ui.from.value || addDays(today, -6) };
  ui.from.value = from[preset];
  ui.to.value = preset === 'custom' ? ui.to.value || today : today;
  for (const button of ui.presets.querySelectorAll('button')) {
    button.setAttribute('aria-pressed', button.getAttribute('data-preset') === preset ? 'true' : 'false');
  }
  show(ui.hint, preset === 'season');
}

function query() {
  return new URLSearchParams({ from: ui.from.value, to: ui.to.value, tz: TIME_ZONE }).toString();
}

/** Reads the period's figures: the park's for supervisors and admins, their own for an operator. */
export async function loadReports() {
  const generation = ++report.generation;
  const supervisor = isSupervisor();
  ui.intro.textContent = supervisor ? T.intro : T.mineIntro;
  show(ui.download, supervisor);
  show(blindSpotsSection, isAdmin());
  ui.period.textContent = T.loading;
  // The inbox does not wait for the charts.
  const blindSpots = isAdmin() ? loadBlindSpots() : Promise.resolve();
  try {
    const me = state.operator ? state.operator.username : '';
    const answer = supervisor
      ? await api('GET', '/api/reports/overview?' + query())
      : await api('GET', '/api/reports/operators/' + encodeURIComponent(me) + '?' + query());
    if (generation !== report.generation) { return; }
    show(ui.problem, false);
    ui.period.textContent = fill(T.period, { from: dayLabel(answer.from, true), to: dayLabel(answer.to, true) });
    ui.keys.replaceChildren(keyFigureList(keyFigures(answer.totals, !supervisor)));
    report.figures = supervisor ? overviewFigures(answer) : mineFigures(answer);
    renderOperators(supervisor ? answer.operators || [] : null);
    await render();
  } catch (error) {
    if (generation === report.generation) {
      ui.period.textContent = '';
      reportError(error, ui.problem);
    }
  }
  await blindSpots;
}

/** The figures as charts, or as tables when the toggle is pressed. */
async function render() {
  show(ui.charts, !report.tables);
  show(ui.tables, report.tables);
  ui.toggle.setAttribute('aria-pressed', report.tables ? 'true' : 'false');
  ui.toggle.textContent = report.tables ? T.showCharts : T.showTables;
  if (report.tables) {
    clearCharts(ui.charts);
    ui.tables.replaceChildren(...report.figures.map(figureTable));
  } else {
    ui.tables.replaceChildren();
    await drawCharts(ui.charts, report.figures);
  }
}

/** @param {import('./report-figures.js').OperatorFigures[] | null} operators */
function renderOperators(operators) {
  show(ui.operators, operators !== null);
  if (operators === null) {
    ui.operators.replaceChildren();
    return;
  }
  ui.operators.replaceChildren(
    el('h3', { text: T.operators }),
    operators.length ? figureTable(operatorsFigure(operators)) : el('p', { className: 'empty', text: T.operatorsEmpty }));
}

async function downloadCsv() {
  ui.download.disabled = true;
  try {
    await downloadFile('/api/reports/overview.csv?' + query(), 'lucine-report-' + ui.from.value + '-' + ui.to.value + '.csv');
  } catch (error) {
    reportError(error, ui.problem);
  } finally {
    ui.download.disabled = false;
  }
}

/** Logged out: the period goes back to the last 7 days, nothing is shown. */
export function resetReports() {
  report.generation++;
  report.figures = [];
  report.tables = false;
  clearCharts(ui.charts);
  ui.tables.replaceChildren();
  ui.keys.replaceChildren();
  ui.period.textContent = '';
  renderOperators(null);
  show(ui.problem, false);
  ui.to.value = '';
  choose('week');
  resetBlindSpots();
}

export function wireReports() {
  ui.view.append(
    el('h2', { text: T.title }), ui.intro, form, ui.hint,
    el('div', { className: 'report-toolbar' }, [ui.period, ui.toggle, ui.download]),
    ui.problem, ui.keys, ui.charts, ui.tables, ui.operators, blindSpotsSection);
  choose('week');
  ui.presets.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button[data-preset]') : null;
    if (button) {
      choose(/** @type {Preset} */ (button.getAttribute('data-preset')));
      if (report.preset !== 'custom') { loadReports(); } else { ui.from.focus(); }
    }
  });
  for (const input of [ui.from, ui.to]) {
    input.addEventListener('change', () => { if (report.preset !== 'custom') { choose('custom'); } });
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    loadReports();
  });
  ui.toggle.addEventListener('click', () => {
    report.tables = !report.tables;
    render().catch(reportError);
  });
  ui.download.addEventListener('click', downloadCsv);
  wireBlindSpots();
}
