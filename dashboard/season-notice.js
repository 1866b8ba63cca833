// The notice that no season is set ahead (from /api/health's warnings), for supervisors and admins:
// visitors are being told the new dates will be announced, and someone must set them. Admins get
// the way to the Seasons tab with it.
import { $, show } from './dom.js';
import { TEXT } from './i18n/text.js';
import { isAdmin, isSupervisor } from './state.js';
import { seasonWarningText } from './views/seasons.js';

const ui = { notice: $('season-notice'), text: $('season-notice-text'), open: $('season-notice-open', HTMLButtonElement) };

/** @type {Array<{ code: string, lastEnd: string, expectedOpening: string }>} */
let warnings = [];

/**
 * The health's warnings, kept for the operator who logs in next.
 * @param {unknown} given
 */
export function setSeasonWarnings(given) {
  warnings = Array.isArray(given) ? given.filter((w) => w && typeof w.code === 'string' && w.code.startsWith('season-')) : [];
  renderSeasonNotice();
}

/** Shown to supervisors and admins only; the button only to admins, who may set the seasons. */
export function renderSeasonNotice() {
  const warning = warnings[0];
  const visible = !!warning && isSupervisor();
  ui.text.textContent = visible ? seasonWarningText(warning) : '';
  ui.notice.dataset.code = visible ? warning.code : '';
  show(ui.notice, visible);
  show(ui.open, visible && isAdmin());
}

export function wireSeasonNotice() {
  ui.open.textContent = TEXT.seasons.open;
  ui.open.addEventListener('click', () => $('tab-seasons').click());
}
