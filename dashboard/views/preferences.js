// The operator's preferences: the console's language, and which notices reach them while the
// console is not in view (browser notifications, which the browser asks about only when the
// operator presses the button, and sound).
import { reportError } from '../api.js';
import { $, el, show } from '../dom.js';
import { TEXT, chooseLanguage, chosenLanguage } from '../i18n/text.js';
import { SWITCHES, askPermission, currentPreferences, permission, saveLanguage, setPreference, unlockSound } from '../notices.js';

const ui = { open: $('preferences-open', HTMLButtonElement), panel: $('preferences') };

const permissionText = el('p', { className: 'preferences-permission', attrs: { id: 'preferences-permission' } });
// Said in the panel, which would cover a toast.
const saved = el('p', { className: 'preferences-saved', attrs: { role: 'status' } });
const allow = el('button', { className: 'ghost', text: TEXT.preferences.allow, attrs: { type: 'button', id: 'preferences-allow' } });

/** Saved on the server for the next login anywhere, then the page reloads in that language. */
const languages = el('select', { attrs: { id: 'preferences-language' } }, [
  el('option', { text: TEXT.language.browser, attrs: { value: '' } }),
  el('option', { text: TEXT.language.it, attrs: { value: 'it', lang: 'it' } }),
  el('option', { text: TEXT.language.en, attrs: { value: 'en', lang: 'en' } })
]);
languages.addEventListener('change', () => {
  const choice = /** @type {'it' | 'en' | ''} */ (languages.value);
  languages.disabled = true;
  saved.textContent = '';
  saveLanguage(choice)
    .then(() => {
      if (!chooseLanguage(choice)) { saved.textContent = TEXT.preferences.saved; }
    })
    .catch((error) => {
      languages.value = chosenLanguage();
      reportError(error);
    })
    .then(() => { languages.disabled = false; });
});

/** One checkbox per kind of notice, and the sound. */
const boxes = SWITCHES.map((name) => {
  const box = el('input', { attrs: { type: 'checkbox', 'data-preference': name } });
  box.addEventListener('change', () => {
    box.disabled = true;
    saved.textContent = '';
    setPreference(name, box.checked)
      .then(() => { saved.textContent = TEXT.preferences.saved; })
      .catch((error) => {
        box.checked = currentPreferences()[name];
        reportError(error);
      })
      .then(() => { box.disabled = false; });
  });
  return { name, box, row: el('label', { className: 'check' }, [box, document.createTextNode(' ' + TEXT.preferences[name])]) };
});

function renderPermission() {
  const now = permission();
  permissionText.textContent = TEXT.preferences.permission[now];
  permissionText.dataset.permission = now;
  show(allow, now === 'default');
}

/** The choices as they are now (read again at each login). */
export function renderPreferences() {
  const preferences = currentPreferences();
  languages.value = chosenLanguage();
  for (const { name, box } of boxes) {
    box.checked = preferences[name];
  }
  renderPermission();
}

/** @param {boolean} open */
function showPanel(open) {
  show(ui.panel, open);
  ui.open.setAttribute('aria-expanded', open ? 'true' : 'false');
  if (open) {
    saved.textContent = '';
    renderPreferences();
    unlockSound();
  }
}

export function wirePreferences() {
  ui.open.textContent = TEXT.preferences.open;
  const close = el('button', { className: 'ghost', text: TEXT.preferences.close, attrs: { type: 'button' } });
  ui.panel.replaceChildren(
    el('p', { className: 'preferences-language' }, [el('label', { text: TEXT.language.label, attrs: { for: languages.id } }), languages]),
    el('h2', { text: TEXT.preferences.title, attrs: { id: 'preferences-title' } }),
    el('p', { className: 'preferences-intro', text: TEXT.preferences.intro }),
    el('fieldset', { className: 'preferences-switches' }, [el('legend', { className: 'visually-hidden', text: TEXT.preferences.title }), ...boxes.map((b) => b.row)]),
    permissionText,
    saved,
    el('div', { className: 'drawer-buttons' }, [allow, close])
  );
  ui.open.addEventListener('click', () => showPanel(Boolean(ui.panel.hidden)));
  close.addEventListener('click', () => {
    showPanel(false);
    ui.open.focus();
  });
  allow.addEventListener('click', () => { askPermission().then(renderPermission, () => renderPermission()); });
  ui.panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      showPanel(false);
      ui.open.focus();
    }
  });
}

/** Logged out: the panel is closed. */
export function closePreferences() {
  showPanel(false);
}
