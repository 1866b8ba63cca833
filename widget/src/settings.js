// The widget's settings from the server (GET /api/widget/settings): the privacy notice to link,
// and the theme's colours, which the server has checked for contrast at its start.
import { getSettings } from './transport.js';

/** @typedef {import('./view.js').WidgetView} WidgetView */

const COLOUR = /^#[0-9a-f]{6}$/i;

/**
 * A custom property on the widget's host element, inherited into its shadow root; only a colour
 * written #rrggbb is set (through the CSSOM, which a page's CSP allows).
 * @param {HTMLElement} host
 * @param {string} property
 * @param {unknown} value
 */
function setColour(host, property, value) {
  if (typeof value === 'string' && COLOUR.test(value)) {
    host.style.setProperty(property, value);
  }
}

/**
 * @param {string} api
 * @param {WidgetView} view
 */
export async function applySettings(api, view) {
  const answer = await getSettings(api);
  if (!answer.ok || !answer.body || typeof answer.body !== 'object') {
    return;
  }
  const settings = /** @type {{ privacyUrl?: unknown, theme?: { accent?: unknown, accentText?: unknown } }} */ (answer.body);
  view.composer.showPrivacy(settings.privacyUrl);
  if (settings.theme && typeof settings.theme === 'object') {
    setColour(view.host, '--lucine-accent', settings.theme.accent);
    setColour(view.host, '--lucine-accent-text', settings.theme.accentText);
  }
}
