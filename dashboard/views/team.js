// The team, for admins: every operator with their role, capacity, presence and whether they may log
// in; new operators, edits, deactivation and reactivation, a temporary password, a logout from every
// device. Supervisors see the list without the actions. The server keeps one active admin.
import { api, reportError } from '../api.js';
import { $, el, label, onSubmit, renderAvatar, show, toast } from '../dom.js';
import { TEXT, fill } from '../i18n/text.js';
import { isAdmin, state } from '../state.js';

/** @typedef {import('../state.js').Operator} Member */
/** @typedef {'create' | 'edit' | 'password'} FormMode */

const ui = {
  rows: $('team-rows'), add: $('team-new', HTMLButtonElement), form: $('team-form', HTMLFormElement), formTitle: $('team-form-title'),
  username: $('team-username', HTMLInputElement), displayName: $('team-display-name', HTMLInputElement), avatar: $('team-avatar', HTMLInputElement),
  role: $('team-role', HTMLSelectElement), capacity: $('team-capacity', HTMLInputElement), password: $('team-password', HTMLInputElement),
  problem: $('team-problem'), save: $('team-save', HTMLButtonElement), cancel: $('team-cancel', HTMLButtonElement)
};

/** Which fields each kind of form asks for. */
const FIELDS = {
  create: ['username', 'displayName', 'avatar', 'role', 'capacity', 'password'],
  edit: ['displayName', 'avatar', 'role', 'capacity'],
  password: ['password']
};

const form = {
  /** @type {FormMode} */
  mode: 'create',
  /** @type {string | null} */
  username: null
};

/** @param {Member[]} members */
function render(members) {
  ui.rows.replaceChildren(...members.map(row));
  show(ui.add, isAdmin());
}

/** @param {Member} member */
function row(member) {
  const avatar = el('span', { className: 'avatar', attrs: { 'aria-hidden': 'true' } });
  renderAvatar(avatar, member);
  const states = [el('span', { className: 'badge', text: label(TEXT.availability, member.availability) })];
  states.push(el('span', { className: 'team-presence', text: member.connected ? TEXT.team.connected : TEXT.team.notConnected }));
  if (member.active === false) {
    states.push(el('span', { className: 'badge badge-off', text: TEXT.team.deactivated }));
  }
  if (member.mustChangePassword) {
    states.push(el('span', { className: 'badge', text: TEXT.team.mustChangePassword }));
  }
  const tr = el('tr', { attrs: { 'data-username': member.username } }, [
    el('td', {}, [el('div', { className: 'team-who' }, [avatar, el('span', {}, [el('strong', { text: member.displayName || member.username }), el('span', { className: 'team-username', text: member.username })])])]),
    el('td', { text: label(TEXT.roles, member.role) }),
    el('td', { text: String(member.activeChats || 0) + ' / ' + String(member.capacity || 0) }),
    el('td', {}, [el('div', { className: 'team-states' }, states)]),
    el('td', {}, [el('div', { className: 'team-actions' }, isAdmin() ? actions(member) : [])])
  ]);
  if (member.active === false) {
    tr.classList.add('inactive');
  }
  return tr;
}

/** @param {Member} member */
function actions(member) {
  const who = member.displayName || member.username;
  const me = state.operator && state.operator.username === member.username;
  return [
    action(TEXT.team.edit, who, () => openForm('edit', member)),
    action(TEXT.team.resetPassword, who, () => openForm('password', member)),
    ...(me ? [] : [action(TEXT.team.signOut, who, () => confirmThen(TEXT.team.confirmSignOut, who, 'sign-out', member, TEXT.team.signedOut))]),
    member.active === false
      ? action(TEXT.team.reactivate, who, () => change(member, 'reactivate', TEXT.team.reactivated))
      : action(TEXT.team.deactivate, who, () => confirmThen(TEXT.team.confirmDeactivate, who, 'deactivate', member, TEXT.team.deactivatedToast), 'danger')
  ];
}

/**
 * @param {string} text
 * @param {string} who
 * @param {() => void} run
 * @param {string} [kind]
 */
function action(text, who, run, kind) {
  const button = el('button', { className: 'ghost' + (kind ? ' ' + kind : ''), text, attrs: { type: 'button', 'aria-label': text + ': ' + who } });
  button.addEventListener('click', run);
  return button;
}

/**
 * @param {string} question
 * @param {string} who
 * @param {'deactivate' | 'sign-out'} what
 * @param {Member} member
 * @param {string} done
 */
function confirmThen(question, who, what, member, done) {
  if (window.confirm(fill(question, { name: who }))) {
    change(member, what, done);
  }
}

/**
 * @param {Member} member
 * @param {'deactivate' | 'reactivate' | 'sign-out'} what
 * @param {string} done
 */
function change(member, what, done) {
  api('POST', '/api/operators/' + encodeURIComponent(member.username) + '/' + what)
    .then(() => {
      toast(fill(done, { name: member.displayName || member.username }), 'info');
      return loadTeam();
    })
    .catch((error) => reportError(error));
}

/**
 * @param {FormMode} mode
 * @param {Member} [member]
 */
function openForm(mode, member) {
  form.mode = mode;
  form.username = member ? member.username : null;
  const who = member ? member.displayName || member.username : '';
  ui.formTitle.textContent = fill(TEXT.team.formTitle[mode], { name: who });
  for (const name of FIELDS.create) {
    const input = ui[/** @type {'username' | 'displayName' | 'avatar' | 'role' | 'capacity' | 'password'} */ (name)];
    const field = input.closest('.field');
    if (field instanceof HTMLElement) {
      show(field, FIELDS[mode].includes(name));
    }
  }
  ui.username.value = member ? member.username : '';
  ui.displayName.value = member ? member.displayName || '' : '';
  ui.avatar.value = member ? member.avatar || '' : '';
  ui.role.value = member ? member.role || 'operator' : 'operator';
  ui.capacity.value = member ? String(member.capacity || '') : '5';
  ui.password.value = '';
  ui.password.autocomplete = 'new-password';
  show(ui.problem, false);
  show(ui.form, true);
  (mode === 'password' ? ui.password : mode === 'create' ? ui.username : ui.displayName).focus();
}

function closeForm() {
  show(ui.form, false);
  ui.password.value = '';
}

function submit() {
  const mode = form.mode;
  const path = '/api/operators' + (mode === 'create' ? '' : '/' + encodeURIComponent(form.username || ''));
  const capacity = parseInt(ui.capacity.value, 10);
  /** @type {Record<FormMode, [string, string, unknown]>} */
  const requests = {
    create: ['POST', path, {
      username: ui.username.value.trim(), displayName: ui.displayName.value.trim(), avatar: ui.avatar.value.trim() || undefined,
      role: ui.role.value, capacity: isNaN(capacity) ? undefined : capacity, password: ui.password.value
    }],
    edit: ['PATCH', path, { displayName: ui.displayName.value.trim(), avatar: ui.avatar.value.trim(), role: ui.role.value, capacity: isNaN(capacity) ? undefined : capacity }],
    password: ['POST', path + '/password', { password: ui.password.value }]
  };
  const [method, url, body] = requests[mode];
  ui.save.disabled = true;
  api(method, url, body)
    .then(() => {
      toast(TEXT.team.saved[mode], 'info');
      closeForm();
      return loadTeam();
    })
    .catch((error) => reportError(error, ui.problem))
    .then(() => { ui.save.disabled = false; });
}

/** The team as it is now. */
export async function loadTeam() {
  try {
    const team = await api('GET', '/api/operators');
    render((team && team.items) || []);
  } catch (error) {
    reportError(error);
  }
}

export function resetTeam() {
  closeForm();
  ui.rows.replaceChildren();
}

export function wireTeam() {
  ui.add.addEventListener('click', () => openForm('create'));
  ui.cancel.addEventListener('click', closeForm);
  onSubmit(ui.form, submit);
}
