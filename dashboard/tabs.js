// The console's sections as tabs: chats, tickets, ended conversations, sink, (admins) the knowledge base and the seasons, (supervisors) canned replies and the team, (admins) the audit log and privacy, and the reports (everyone: an operator sees their own figures).
import { $, show } from './dom.js';
import { state } from './state.js';
import { loadAudit } from './views/audit.js';
import { isConversationListLoaded, loadConversations } from './views/conversations.js';
import { loadKnowledge } from './views/knowledge.js';
import { loadSeasons } from './views/seasons.js';
import { loadReplies } from './views/replies.js';
import { resetPrivacy } from './views/privacy.js';
import { loadReports } from './views/reports.js';
import { loadSink } from './views/sink.js';
import { loadTeam } from './views/team.js';
import { loadTickets } from './views/tickets.js';

/** @typedef {'chats' | 'tickets' | 'conversations' | 'sink' | 'knowledge' | 'seasons' | 'replies' | 'team' | 'audit' | 'privacy' | 'reports'} View */

/** @type {View[]} */
const VIEWS = ['chats', 'tickets', 'conversations', 'sink', 'knowledge', 'seasons', 'replies', 'team', 'audit', 'privacy', 'reports'];

/**
 * Shows one section; all but the chats are loaded when shown.
 * @param {View} view
 * @param {boolean} [focus]
 */
export function setView(view, focus) {
  state.view = view;
  for (const name of VIEWS) {
    const tab = $('tab-' + name);
    const selected = name === view;
    tab.setAttribute('aria-selected', selected ? 'true' : 'false');
    tab.tabIndex = selected ? 0 : -1;
    show($('view-' + name), selected);
  }
  if (focus) {
    $('tab-' + view).focus();
  }
  if (!state.token) {
    return;
  }
  if (view === 'tickets') { loadTickets('refresh'); }
  if (view === 'conversations' && !isConversationListLoaded()) { loadConversations('reset'); }
  if (view === 'sink') { loadSink(); }
  if (view === 'knowledge') { loadKnowledge(false); }
  if (view === 'seasons') { loadSeasons(true); }
  if (view === 'replies') { loadReplies(); }
  if (view === 'team') { loadTeam(); }
  if (view === 'audit') { loadAudit(); }
  if (view === 'privacy') { resetPrivacy(); }
  if (view === 'reports') { loadReports(); }
}

/**
 * Arrow keys, Home and End move between the tabs, as in any tab list (hidden tabs are skipped).
 * @param {KeyboardEvent} event
 */
function onTabKey(event) {
  const views = VIEWS.filter((name) => !$('tab-' + name).hidden);
  const index = views.indexOf(state.view);
  /** @type {Record<string, number>} */
  const keys = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: views.length - 1 };
  if (!Object.hasOwn(keys, event.key)) {
    return;
  }
  event.preventDefault();
  setView(views[(keys[event.key] + views.length) % views.length], true);
}

export function wireTabs() {
  for (const view of VIEWS) {
    const tab = $('tab-' + view);
    tab.addEventListener('click', () => setView(view));
    tab.addEventListener('keydown', onTabKey);
  }
}
