// The console's header: the system's health (also before the login), the operator with their
// availability and load, and how the console hears of changes (realtime or polling).
import { api, reportError } from './api.js';
import { $, dateTime, label, renderAvatar, show, toast } from './dom.js';
import { TEXT, fill } from './i18n/text.js';
import { readPreferences } from './notices.js';
import { renderSeasonNotice, setSeasonWarnings } from './season-notice.js';
import { isAdmin, isSupervisor, saveSession, state } from './state.js';

const ui = {
  status: $('status'), version: $('version'), storage: $('storage'), checked: $('checked'),
  me: $('me'), meAvatar: $('me-avatar'), meName: $('me-name'), meRole: $('me-role'), meLoad: $('me-load'),
  availability: $('availability', HTMLSelectElement), realtime: $('realtime'), tabKnowledge: $('tab-knowledge'), tabSeasons: $('tab-seasons'),
  tabReplies: $('tab-replies'), tabTeam: $('tab-team'), tabAudit: $('tab-audit'), tabPrivacy: $('tab-privacy')
};

/** @type {() => void} */
let meChanged = () => {};

/**
 * What else depends on who the operator is (their role decides what the open chat offers).
 * @param {() => void} handler
 */
export function onMeChanged(handler) {
  meChanged = handler;
}

/**
 * @param {'healthy' | 'unhealthy'} name
 * @param {string} text
 */
export function showHealth(name, text) {
  ui.status.dataset.state = name;
  ui.status.textContent = text;
}

export function refreshHealth() {
  fetch('/api/health', { headers: { Accept: 'application/json' }, cache: 'no-store' })
    .then((response) => response.json())
    .then((health) => {
      const healthy = health.status === 'healthy';
      showHealth(healthy ? 'healthy' : 'unhealthy', healthy ? TEXT.health.healthy : TEXT.health.degraded);
      ui.version.textContent = health.version;
      const check = health.checks && health.checks.storage;
      ui.storage.textContent = check ? fill(check.healthy ? TEXT.health.reachable : TEXT.health.unreachable, { ms: check.durationMs }) : '–';
      ui.checked.textContent = dateTime(health.timestamp);
      setSeasonWarnings(health.warnings);
    })
    .catch(() => showHealth('unhealthy', TEXT.health.down));
}

/** @param {boolean} visible */
export function showMe(visible) {
  show(ui.me, visible);
}

export function renderMe() {
  const me = state.operator;
  if (!me) {
    return;
  }
  readPreferences(me);
  ui.meName.textContent = me.displayName || me.username;
  ui.meName.title = me.username;
  ui.meRole.textContent = label(TEXT.roles, me.role);
  renderAvatar(ui.meAvatar, me);
  ui.availability.value = me.availability || '';
  ui.availability.dataset.availability = me.availability;
  ui.availability.dataset.value = me.availability;
  ui.meLoad.textContent = fill(TEXT.header.load, { active: me.activeChats || 0, capacity: me.capacity || 0 });
  ui.meLoad.dataset.full = (me.activeChats || 0) >= (me.capacity || 0) ? 'true' : 'false';
  show(ui.tabKnowledge, isAdmin());
  show(ui.tabSeasons, isAdmin());
  renderSeasonNotice();
  show(ui.tabReplies, isSupervisor());
  show(ui.tabTeam, isSupervisor());
  show(ui.tabAudit, isAdmin());
  show(ui.tabPrivacy, isAdmin());
}

/** Reads the operator again: their load, their availability, and whether the token still holds. */
export async function loadMe() {
  state.operator = await api('GET', '/api/operators/me');
  saveSession();
  renderMe();
  meChanged();
}

/**
 * @param {() => Promise<unknown>} reloadLists the queue and my chats, which availability changes
 */
export function wireAvailability(reloadLists) {
  ui.availability.addEventListener('change', () => {
    ui.availability.disabled = true;
    api('PUT', '/api/operators/me/availability', { availability: ui.availability.value })
      .then((me) => {
        state.operator = me;
        saveSession();
        renderMe();
        toast(fill(TEXT.header.availabilityChanged, { availability: label(TEXT.availability, me.availability) }), 'info');
        return reloadLists();
      })
      .catch((error) => {
        if (state.operator) {
          ui.availability.value = state.operator.availability || '';
        }
        reportError(error);
      })
      .then(() => { ui.availability.disabled = false; });
  });
}

/** @param {import('../widget/client/realtime.js').HubState} name */
export function showRealtime(name) {
  ui.realtime.dataset.state = name;
  ui.realtime.textContent = TEXT.realtime[name];
}
