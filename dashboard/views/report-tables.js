// The reports' figures as text: the tables behind the charts (the text alternative the table toggle
// shows), the supervisors' table of operators and the key figures. Values are written with
// textContent in the console's language; a missing value is a dash.
import { duration, el } from '../dom.js';
import { locale } from '../i18n/text.js';

/** @typedef {import('./report-figures.js').Figure} Figure */
/** @typedef {import('./report-figures.js').Unit} Unit */

/**
 * @param {number | null} value
 * @param {Unit} unit
 */
export function formatValue(value, unit) {
  if (value === null || value === undefined) {
    return '—';
  }
  if (unit === 'seconds') {
    return duration(value);
  }
  if (unit === 'percent') {
    return value.toLocaleString(locale(), { maximumFractionDigits: 1 }) + ' %';
  }
  return value.toLocaleString(locale(), { maximumFractionDigits: unit === 'average' ? 1 : 0 });
}

/**
 * One figure as a table: a row per label, a column per series.
 * @param {Figure} figure
 * @returns {HTMLElement}
 */
export function figureTable(figure) {
  const head = el('tr', {}, [el('th', { text: figure.column, attrs: { scope: 'col' } }), ...figure.series.map((s) => el('th', { text: s.label, attrs: { scope: 'col' } }))]);
  const rows = figure.labels.map((name, i) => el('tr', {}, [
    el('th', { text: name, attrs: { scope: 'row' } }),
    ...figure.series.map((s) => el('td', { className: 'number', text: formatValue(s.values[i], s.unit) }))
  ]));
  return el('table', { className: 'report-table', attrs: { 'data-figure': figure.id } }, [
    el('caption', { text: figure.title }),
    el('thead', {}, [head]),
    el('tbody', {}, rows)
  ]);
}

/**
 * The key figures, as a definition list.
 * @param {[string, number | null, Unit][]} figures
 */
export function keyFigureList(figures) {
  return el('dl', { className: 'report-keys' }, figures.map(([name, value, unit]) => el('div', {}, [
    el('dt', { text: name }),
    el('dd', { text: formatValue(value, unit) })
  ])));
}
