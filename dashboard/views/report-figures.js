// The reports' figures as the views draw them: each a title, labels and series of values with their
// unit, made once from the server's answer and drawn either as a chart (report-charts.js) or as a
// table (report-tables.js), so that the text alternative always holds the same numbers.
import { label } from '../dom.js';
import { TEXT, fill, locale } from '../i18n/text.js';

const T = TEXT.reports;

/** @typedef {'count' | 'seconds' | 'percent' | 'average'} Unit */

/**
 * @typedef {object} Series
 * @property {string} label
 * @property {(number | null)[]} values
 * @property {Unit} unit
 */

/**
 * @typedef {object} Figure
 * @property {string} id
 * @property {string} title
 * @property {'bar' | 'line' | 'doughnut'} kind
 * @property {boolean} [stacked]
 * @property {boolean} [horizontal]
 * @property {string} column what the labels are (the table's first column)
 * @property {string[]} labels
 * @property {Series[]} series
 */

/**
 * @typedef {object} Percentiles
 * @property {number | null} p50
 * @property {number | null} p90
 */

/**
 * @typedef {object} Figures
 * @property {number} conversations
 * @property {number} assistantOnly
 * @property {number} escalated
 * @property {number} abandonedInQueue
 * @property {number} convertedToTickets
 * @property {Percentiles} [queueWait]
 * @property {Percentiles} [firstResponse]
 * @property {{ opened: number }} [tickets]
 * @property {{ priority: string, firstResponseMetPercent: number | null, resolutionMetPercent: number | null }[]} [sla]
 * @property {{ average: number | null, responses: number, distribution: number[] }} [csat]
 * @property {Record<string, number>} [languages]
 * @property {{ topic: string, count: number }[]} [topics]
 */

/**
 * @typedef {object} Overview
 * @property {string} from
 * @property {string} to
 * @property {Figures} totals
 * @property {(Figures & { day: string })[]} days
 * @property {{ week: string, questions: number, unknown: number, unknownPercent: number | null }[]} weeks
 * @property {OperatorFigures[]} operators
 */

/**
 * @typedef {object} OperatorFigures
 * @property {string} [username]
 * @property {string} [day]
 * @property {number} chats
 * @property {number | null} firstResponseP50
 * @property {number | null} csatAverage
 * @property {number} csatResponses
 * @property {number} ticketsResolved
 */

/**
 * @typedef {object} OperatorReport
 * @property {OperatorFigures} totals
 * @property {OperatorFigures[]} days
 */

/**
 * A park day ("2026-12-05") as the console's language writes it: short (a chart's axis), or with the year.
 * @param {string} day
 * @param {boolean} [withYear]
 */
export function dayLabel(day, withYear) {
  const date = new Date(day + 'T12:00:00Z');
  const parts = withYear ? { day: 'numeric', month: 'long', year: 'numeric' } : { day: '2-digit', month: '2-digit' };
  return isNaN(date.getTime()) ? day : date.toLocaleDateString(locale(), { .../** @type {Intl.DateTimeFormatOptions} */ (parts), timeZone: 'UTC' });
}

/**
 * @param {string} label
 * @param {(number | null | undefined)[]} values
 * @param {Unit} [unit]
 * @returns {Series}
 */
function series(label, values, unit = 'count') {
  return { label, unit, values: values.map((v) => (typeof v === 'number' ? v : null)) };
}

/**
 * The supervisors' figures: conversations by outcome, times, SLAs, ratings, languages, topics, the weekly unknown share.
 * @param {Overview} overview
 * @returns {Figure[]}
 */
export function overviewFigures(overview) {
  const days = overview.days || [];
  const totals = overview.totals;
  const labels = days.map((d) => dayLabel(d.day));
  const F = T.figures;
  const S = T.series;
  const C = T.columns;
  const sla = totals.sla || [];
  const languages = Object.entries(totals.languages || {});
  const topics = totals.topics || [];
  const weeks = overview.weeks || [];
  const distribution = (totals.csat && totals.csat.distribution) || [0, 0, 0, 0, 0];
  return [
    {
      id: 'per-day', title: T.charts.perDay, kind: 'bar', stacked: true, column: C.day, labels,
      series: [
        series(F.assistantOnly, days.map((d) => d.assistantOnly)),
        series(F.escalated, days.map((d) => d.escalated)),
        series(F.abandonedInQueue, days.map((d) => d.abandonedInQueue)),
        series(F.convertedToTickets, days.map((d) => d.convertedToTickets))
      ]
    },
    {
      id: 'times', title: T.charts.times, kind: 'line', column: C.day, labels,
      series: [
        series(S.queueP50, days.map((d) => d.queueWait && d.queueWait.p50), 'seconds'),
        series(S.queueP90, days.map((d) => d.queueWait && d.queueWait.p90), 'seconds'),
        series(S.firstP50, days.map((d) => d.firstResponse && d.firstResponse.p50), 'seconds'),
        series(S.firstP90, days.map((d) => d.firstResponse && d.firstResponse.p90), 'seconds')
      ]
    },
    {
      id: 'sla', title: T.charts.sla, kind: 'bar', column: C.priority, labels: sla.map((s) => label(TEXT.ticketPriority, s.priority)),
      series: [
        series(S.firstResponseMet, sla.map((s) => s.firstResponseMetPercent), 'percent'),
        series(S.resolutionMet, sla.map((s) => s.resolutionMetPercent), 'percent')
      ]
    },
    {
      id: 'csat', title: T.charts.csat, kind: 'bar', column: C.stars, labels: [1, 2, 3, 4, 5].map((stars) => fill(T.stars, { stars })),
      series: [series(S.responses, distribution)]
    },
    {
      id: 'languages', title: T.charts.languages, kind: 'doughnut', column: C.language, labels: languages.map(([code]) => label(T.languages, code)),
      series: [series(C.count, languages.map(([, count]) => count))]
    },
    {
      id: 'topics', title: T.charts.topics, kind: 'bar', horizontal: true, column: C.topic, labels: topics.map((t) => t.topic),
      series: [series(C.count, topics.map((t) => t.count))]
    },
    {
      id: 'unknown', title: T.charts.unknown, kind: 'line', column: C.week, labels: weeks.map((w) => w.week),
      series: [
        series(S.unknownPercent, weeks.map((w) => w.unknownPercent), 'percent'),
        series(C.questions, weeks.map((w) => w.questions)),
        series(C.unknown, weeks.map((w) => w.unknown))
      ]
    }
  ];
}

/**
 * An operator's own figures, day by day.
 * @param {OperatorReport} report
 * @returns {Figure[]}
 */
export function mineFigures(report) {
  const days = report.days || [];
  const labels = days.map((d) => dayLabel(d.day || ''));
  const F = T.figures;
  return [
    {
      id: 'mine-chats', title: T.charts.mineChats, kind: 'bar', column: T.columns.day, labels,
      series: [series(F.chats, days.map((d) => d.chats)), series(F.ticketsResolved, days.map((d) => d.ticketsResolved))]
    },
    {
      id: 'mine-first-response', title: T.charts.mineFirstResponse, kind: 'line', column: T.columns.day, labels,
      series: [series(F.firstResponseP50, days.map((d) => d.firstResponseP50), 'seconds')]
    }
  ];
}

/**
 * The supervisors' table of operators (a table only: its columns have different units).
 * @param {OperatorFigures[]} operators
 * @returns {Figure}
 */
export function operatorsFigure(operators) {
  const F = T.figures;
  return {
    id: 'operators', title: T.operators, kind: 'bar', column: T.columns.operator, labels: operators.map((o) => o.username || ''),
    series: [
      series(F.chats, operators.map((o) => o.chats)),
      series(F.firstResponseP50, operators.map((o) => o.firstResponseP50), 'seconds'),
      series(F.csatAverage, operators.map((o) => o.csatAverage), 'average'),
      series(F.csatResponses, operators.map((o) => o.csatResponses)),
      series(F.ticketsResolved, operators.map((o) => o.ticketsResolved))
    ]
  };
}

/**
 * The key figures above the charts.
 * @param {Figures | OperatorFigures} totals
 * @param {boolean} mine
 * @returns {[string, number | null, Unit][]}
 */
export function keyFigures(totals, mine) {
  const F = T.figures;
  if (mine) {
    const t = /** @type {OperatorFigures} */ (totals);
    return [[F.chats, t.chats, 'count'], [F.firstResponseP50, t.firstResponseP50, 'seconds'], [F.csatAverage, t.csatAverage, 'average'],
      [F.csatResponses, t.csatResponses, 'count'], [F.ticketsResolved, t.ticketsResolved, 'count']];
  }
  const t = /** @type {Figures} */ (totals);
  return [[F.conversations, t.conversations, 'count'], [F.assistantOnly, t.assistantOnly, 'count'], [F.escalated, t.escalated, 'count'],
    [F.abandonedInQueue, t.abandonedInQueue, 'count'], [F.convertedToTickets, t.convertedToTickets, 'count'],
    [F.firstResponseP50, t.firstResponse ? t.firstResponse.p50 : null, 'seconds'], [F.csatAverage, t.csat ? t.csat.average : null, 'average'],
    [F.ticketsOpened, t.tickets ? t.tickets.opened : null, 'count']];
}
