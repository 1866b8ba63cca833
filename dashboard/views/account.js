// The operator's own account: their display name and their password. After an admin's reset the
// dialog opens by itself and cannot be closed: until the operator chooses a password, the server
// refuses everything else.
import { api, reportError } from '../api.js';
import { $, onSubmit, show, toast } from '../dom.js';
import { TEXT } from '../i18n/text.js';
import { saveSession, state } from '../state.js';

const ui = {
  open: $('account-open', HTMLButtonElement), dialog: $('account', HTMLDialogElement), title: $('account-title'), intro: $('account-intro'),
  nameForm: $('account-name-form', HTMLFormElement), displayName: $('account-display-name', HTMLInputElement), nameProblem: $('account-name-problem'),
  passwordForm: $('account-password-form', HTMLFormElement), current: $('account-current', HTMLInputElement), next: $('account-new', HTMLInputElement),
  repeat: $('account-repeat', HTMLInputElement), passwordProblem: $('account-password-problem'), close: $('account-close', HTMLButtonElement)
};

/** What to do once a forced change is done (the console starts). @type {(() => void) | null} */
let afterForcedChange = null;

const changed = {
  /** The header shows the new name. @type {() => void} */
  me: () => {},
  /** The realtime connection reconnects with the new token. @type {() => void} */
  token: () => {}
};

/**
 * Opens the dialog; `forced` when the password must be changed before anything else.
 * @param {(() => void) | null} [whenChanged]
 */
export function openAccount(whenChanged) {
  afterForcedChange = whenChanged || null;
  const forced = !!whenChanged;
  ui.title.textContent = forced ? TEXT.account.forcedTitle : TEXT.account.title;
  ui.intro.textContent = forced ? TEXT.account.forcedIntro : '';
  show(ui.intro, forced);
  show(ui.nameForm, !forced);
  show(ui.close, !forced);
  ui.displayName.value = (state.operator && state.operator.displayName) || '';
  for (const input of [ui.current, ui.next, ui.repeat]) {
    input.value = '';
  }
  show(ui.nameProblem, false);
  show(ui.passwordProblem, false);
  if (!ui.dialog.open) {
    ui.dialog.showModal();
  }
  (forced ? ui.current : ui.displayName).focus();
}

function saveName() {
  api('PATCH', '/api/operators/me', { displayName: ui.displayName.value.trim() })
    .then((me) => {
      state.operator = me;
      saveSession();
      toast(TEXT.account.nameSaved, 'info');
      ui.dialog.close();
      changed.me();
    })
    .catch((error) => reportError(error, ui.nameProblem));
}

/** The new token replaces the old, which stopped working with the change (on every device). */
function savePassword() {
  if (ui.next.value !== ui.repeat.value) {
    ui.passwordProblem.textContent = TEXT.account.mismatch;
    show(ui.passwordProblem, true);
    return;
  }
  api('PUT', '/api/operators/me/password', { currentPassword: ui.current.value, newPassword: ui.next.value })
    .then((login) => {
      state.token = login.token;
      state.expiresAt = login.expiresAt;
      state.operator = login.operator;
      saveSession();
      toast(TEXT.account.passwordSaved, 'info');
      const then = afterForcedChange;
      afterForcedChange = null;
      ui.dialog.close();
      if (then) {
        then();
      } else {
        changed.token();
      }
    })
    .catch((error) => reportError(error, ui.passwordProblem));
}

export function closeAccount() {
  afterForcedChange = null;
  if (ui.dialog.open) {
    ui.dialog.close();
  }
}

/**
 * @param {() => void} meChanged
 * @param {() => void} tokenChanged
 */
export function wireAccount(meChanged, tokenChanged) {
  changed.me = meChanged;
  changed.token = tokenChanged;
  ui.open.addEventListener('click', () => openAccount());
  ui.close.addEventListener('click', () => ui.dialog.close());
  // A forced change cannot be dismissed with Escape.
  ui.dialog.addEventListener('cancel', (event) => {
    if (afterForcedChange) {
      event.preventDefault();
    }
  });
  onSubmit(ui.nameForm, saveName);
  onSubmit(ui.passwordForm, savePassword);
}
