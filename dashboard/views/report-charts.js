// The reports' figures as charts, drawn by Chart.js: its UMD build, served by Lucine with the
// dashboard (dashboard/vendor/, copied from npm at build, never from a CDN) and loaded at the first
// chart, as a classic script (the Content-Security-Policy allows scripts from 'self' only). Each
// canvas is an image with a label; the same figures are tables behind the table toggle.
import { el } from '../dom.js';
import { TEXT, fill, locale } from '../i18n/text.js';
import { formatValue } from './report-tables.js';

/** @typedef {import('./report-figures.js').Figure} Figure */
/** @typedef {{ destroy(): void }} ChartInstance */
/** @typedef {new (canvas: HTMLCanvasElement, config: object) => ChartInstance} ChartConstructor */

const CHART_URL = 'vendor/chart.umd.min.js';

/** @type {Promise<ChartConstructor> | null} */
let loading = null;

/** @type {ChartInstance[]} */
let drawn = [];

/** @returns {Promise<ChartConstructor>} */
function loadChart() {
  const global = /** @type {{ Chart?: ChartConstructor }} */ (/** @type {unknown} */ (window));
  if (global.Chart) {
    return Promise.resolve(global.Chart);
  }
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const tag = document.createElement('script');
      tag.src = CHART_URL;
      tag.async = true;
      tag.onload = () => (global.Chart ? resolve(global.Chart) : reject(new Error('Chart global missing')));
      tag.onerror = () => {
        tag.remove();
        loading = null; // a later attempt may load it
        reject(new Error('Chart.js not loaded'));
      };
      document.head.appendChild(tag);
    });
  }
  return loading;
}

/**
 * What Chart.js is told about one figure: no animation (the figures are read, not watched), the
 * console's locale, percentages up to 100, values in tooltips as the tables write them.
 * @param {Figure} figure
 */
function config(figure) {
  const doughnut = figure.kind === 'doughnut';
  const percent = figure.series.every((s) => s.unit === 'percent');
  const stacked = !!figure.stacked;
  const counts = figure.series.every((s) => s.unit === 'count');
  /** @type {(context: { dataset: { label: string }, datasetIndex: number, raw: unknown }) => string} */
  const tooltip = (context) => {
    const s = figure.series[context.datasetIndex];
    return (doughnut ? '' : context.dataset.label + ': ') + formatValue(typeof context.raw === 'number' ? context.raw : null, s ? s.unit : 'count');
  };
  return {
    type: figure.kind,
    data: { labels: figure.labels, datasets: figure.series.map((s) => ({ label: s.label, data: s.values, spanGaps: true })) },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      locale: locale(),
      indexAxis: figure.horizontal ? 'y' : 'x',
      plugins: {
        legend: { display: doughnut || figure.series.length > 1, position: 'bottom' },
        tooltip: { callbacks: { label: tooltip } }
      },
      scales: doughnut ? {} : {
        x: { stacked, beginAtZero: true, ticks: { precision: counts && figure.horizontal ? 0 : undefined } },
        y: { stacked, beginAtZero: true, max: percent ? 100 : undefined, ticks: { precision: counts ? 0 : undefined } }
      }
    }
  };
}

/**
 * Draws the figures into `container`, replacing what was there; the unknown-share figure draws only
 * its percentage (its counts are in its table).
 * @param {HTMLElement} container
 * @param {Figure[]} figures
 * @returns {Promise<void>}
 */
export async function drawCharts(container, figures) {
  clearCharts(container);
  const Chart = await loadChart();
  for (const figure of figures) {
    const shown = figure.id === 'unknown' ? { ...figure, series: figure.series.filter((s) => s.unit === 'percent') } : figure;
    const canvas = el('canvas', { attrs: { role: 'img', 'aria-label': fill(TEXT.reports.chartLabel, { title: figure.title }) } });
    container.append(el('figure', { className: 'report-chart report-chart-' + figure.kind, attrs: { 'data-figure': figure.id } }, [
      el('figcaption', { text: figure.title }),
      el('div', { className: 'report-canvas' }, [canvas])
    ]));
    drawn.push(new Chart(canvas, config(shown)));
  }
}

/**
 * Forgets every chart drawn (Chart.js keeps listeners and a resize observer per chart).
 * @param {HTMLElement} container
 */
export function clearCharts(container) {
  for (const chart of drawn) {
    chart.destroy();
  }
  drawn = [];
  container.replaceChildren();
}
