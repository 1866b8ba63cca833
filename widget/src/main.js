/*
 * Lucine chat widget: one script tag on the park's website.
 *
 *   <script src="https://<lucine-host>/widget/lucine-widget.js" data-lang="it" defer></script>
 *
 * Optional attributes: data-api (the Lucine origin, default: where this script comes from),
 * data-lang ("it" or "en", default: the page's lang), data-open ("true" opens the panel at load).
 *
 * This is the entry of the bundle that the build makes of these modules (esbuild, see
 * Lucine.Functions.csproj): host sites keep one classic script, which is why the script tag
 * is read here, while the script runs.
 */
import { startWidget } from './widget.js';

const script = document.currentScript;
const page = /** @type {Window & { LucineChat?: { open: () => void, close: () => void } }} */ (window);

// A page that includes the tag twice gets one widget.
if (script instanceof HTMLScriptElement && !page.LucineChat) {
  const src = new URL(script.src, location.href);
  const lang = (script.getAttribute('data-lang') || document.documentElement.lang || 'it').slice(0, 2) === 'en' ? 'en' : 'it';
  page.LucineChat = startWidget({
    api: (script.getAttribute('data-api') || src.origin).replace(/\/+$/, ''),
    // The SignalR bundle is served next to this script, wherever the API is.
    signalRUrl: new URL('vendor/signalr.min.js', src).href,
    lang,
    openAtLoad: script.getAttribute('data-open') === 'true'
  });
}
