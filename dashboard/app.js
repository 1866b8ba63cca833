/*
 * Lucine operator console: login, queue, my chats, live chat with the visitor, internal notes;
 * tickets (list, detail, replies, notes, status, priority, assignment; opened from a chat too); the
 * outgoing messages sink of a server without provider credentials; and, for admins, the knowledge
 * base (edit, save as a new version, history, restore); for supervisors, canned replies, which every
 * operator inserts in a composer by typing "/".
 *
 * Native ES modules, served as they are: this one logs the operator in and out and wires the rest.
 * REST under /api/operators and /api/operator (Bearer JWT kept in sessionStorage), realtime through
 * the SignalR hub (realtime.js), with what the widget shares under /widget/client/.
 */
import { ApiError, api, onUnauthorized, reportError } from './api.js';
import { $, show } from './dom.js';
import { forgetDrafts } from './drafts.js';
import { loadMe, onMeChanged, refreshHealth, renderMe, showMe, showRealtime, wireAvailability } from './header.js';
import { TEXT, chooseLanguage, chosenLanguage, fill, translatePage } from './i18n/text.js';
import { resetNotices, saveLanguage, wireNotices } from './notices.js';
import { hub, queueArrived } from './realtime.js';
import { refreshAll } from './refresh.js';
import { isAdmin, isSupervisor, loadSavedSession, saveSession, state } from './state.js';
import { setView, wireTabs } from './tabs.js';
import { closeAccount, openAccount, wireAccount } from './views/account.js';
import { resetAudit, wireAudit } from './views/audit.js';
import { onOpenKnowledge } from './views/blind-spots.js';
import { takeChat, wireChatActions } from './views/chat-actions.js';
import { closeChat, onEarlierChosen, openChat, renderAlert, renderChatHead, wireChat } from './views/chat.js';
import { stopTyping, useHub } from './views/chat-typing.js';
import { onConversationChosen, resetConversations, wireConversations } from './views/conversations.js';
import { prefillTry, tryQuestionFromHash } from './views/kb-try.js';
import { resetKnowledge, showTopic, wireKnowledge } from './views/knowledge.js';
import { resetSeasons, wireSeasons } from './views/seasons.js';
import { renderSeasonNotice, wireSeasonNotice } from './season-notice.js';
import { closePreferences, wirePreferences } from './views/preferences.js';
import { loadChats, loadQueue, onSide, renderChats, resetSide, tick } from './views/queue.js';
import { resetPrivacy, wirePrivacy } from './views/privacy.js';
import { resetReports, wireReports } from './views/reports.js';
import { resetReplies, wireReplies } from './views/replies.js';
import { resetSink, wireSink } from './views/sink.js';
import { resetTeam, wireTeam } from './views/team.js';
import { openTicket, resetTickets, wireTicket } from './views/ticket.js';
import { onTicketChosen, wireTicketList } from './views/tickets.js';
import { openTranscript, resetTranscript } from './views/transcript.js';

/** @typedef {import('./state.js').Operator} Operator */

const HEALTH_REFRESH_MS = 15000;
const ME_CHECK_MS = 60000;

const ui = {
  loginView: $('login-view'), loginForm: $('login-form', HTMLFormElement), username: $('login-username', HTMLInputElement),
  password: $('login-password', HTMLInputElement), loginError: $('login-error'), loginSubmit: $('login-submit', HTMLButtonElement),
  console: $('console'), logout: $('logout', HTMLButtonElement), loginLanguage: $('login-language', HTMLButtonElement)
};

/** @param {string} [message] why the operator is here again */
function showLogin(message) {
  show(ui.console, false);
  showMe(false);
  show(ui.loginView, true);
  ui.loginError.textContent = message || '';
  show(ui.loginError, !!message);
  ui.loginSubmit.disabled = false;
  ui.password.value = '';
  (ui.username.value ? ui.password : ui.username).focus();
}

function logIn() {
  const username = ui.username.value.trim();
  const password = ui.password.value;
  if (!username || !password) {
    ui.loginError.textContent = TEXT.login.missing;
    show(ui.loginError, true);
    return;
  }
  ui.loginSubmit.disabled = true;
  show(ui.loginError, false);
  api('POST', '/api/operators/login', { username, password }, { anonymous: true })
    .then((data) => startSession(data.token, data.expiresAt, data.operator))
    .catch((error) => {
      let text = error instanceof ApiError ? error.message : TEXT.noServer;
      if (error instanceof ApiError && error.status === 429 && error.retryAfter) {
        const seconds = parseInt(error.retryAfter, 10);
        if (!isNaN(seconds)) {
          text += seconds >= 120 ? fill(TEXT.login.retryMinutes, { minutes: Math.ceil(seconds / 60) }) : fill(TEXT.login.retrySeconds, { seconds });
        }
      }
      ui.loginError.textContent = text;
      show(ui.loginError, true);
      ui.loginSubmit.disabled = false;
      ui.password.select();
    });
}

/**
 * @param {string} token
 * @param {string | null} expiresAt
 * @param {Operator | null} operator
 */
function startSession(token, expiresAt, operator) {
  state.token = token;
  state.expiresAt = expiresAt || null;
  state.operator = operator || null;
  saveSession();
  if (followLanguage(operator)) {
    return;
  }
  show(ui.loginView, false);
  show(ui.console, true);
  showMe(true);
  ui.password.value = '';
  renderMe();
  if (operator && operator.mustChangePassword) {
    // Everything else is refused until then: the console starts once the password is the operator's own.
    openAccount(() => {
      renderMe();
      hub.start();
      refreshAll();
    });
    return;
  }
  hub.start();
  refreshAll();
  followKnowledgeLink();
}

/** #knowledge?try=<question> (openKnowledgeEditor in views/kb-try.js) opens the knowledge base's editor with the question to try. */
function followKnowledgeLink() {
  const question = tryQuestionFromHash(location.hash);
  if (question === null || !state.token || !isAdmin()) {
    return;
  }
  setView('knowledge');
  prefillTry(question);
}

/**
 * Forgets the token and everything shown, and goes back to the login.
 * @param {string} [message]
 */
function endSession(message) {
  state.token = null;
  state.operator = null;
  saveSession();
  hub.stop();
  stopTyping();
  state.alerts.clear();
  state.unread.clear();
  state.fresh.clear();
  forgetDrafts();
  resetNotices();
  closePreferences();
  closeChat();
  resetSide();
  resetTickets();
  resetConversations();
  resetTranscript();
  resetSink();
  resetKnowledge();
  resetSeasons();
  renderSeasonNotice();
  resetReplies();
  resetPrivacy();
  resetTeam();
  resetAudit();
  resetReports();
  closeAccount();
  setView('chats');
  showLogin(message);
}

/**
 * The operator's language, from their preference on the server: a different one than the page's
 * reloads the page (the session is kept). Without one, a choice made on the login page becomes it.
 * @param {Operator | null} operator
 * @returns {boolean} whether the page reloads
 */
function followLanguage(operator) {
  const preferred = operator && operator.preferences ? operator.preferences.language : null;
  if (preferred) {
    return chooseLanguage(preferred);
  }
  const local = chosenLanguage();
  if (local) {
    saveLanguage(local).catch(reportError);
  }
  return false;
}

function logOut() {
  const token = state.token;
  if (!token) {
    endSession();
    return;
  }
  ui.logout.disabled = true;
  fetch('/api/operators/logout', { method: 'POST', headers: { Authorization: 'Bearer ' + token }, cache: 'no-store' })
    .catch(() => { /* the token is forgotten here anyway */ })
    .then(() => {
      ui.logout.disabled = false;
      endSession();
    });
}

function wire() {
  onUnauthorized(endSession);
  useHub(hub);
  onSide({ open: (sessionId) => { openChat(sessionId); }, take: takeChat, chatsLoaded: renderAlert, arrived: queueArrived });
  wireNotices(() => {
    if (state.openId) { state.unread.delete(state.openId); }
    renderChats();
  });
  wirePreferences();
  onTicketChosen((number) => { openTicket(number); });
  onConversationChosen((sessionId) => { openTranscript(sessionId); });
  onEarlierChosen((sessionId) => {
    setView('conversations');
    openTranscript(sessionId);
  });
  onMeChanged(() => {
    renderChatHead();
    if ((state.view === 'knowledge' || state.view === 'audit' || state.view === 'privacy') && !isAdmin()) { setView('chats'); }
    if ((state.view === 'replies' || state.view === 'team') && !isSupervisor()) { setView('chats'); }
  });
  ui.loginForm.addEventListener('submit', (event) => {
    event.preventDefault();
    logIn();
  });
  ui.logout.addEventListener('click', logOut);
  ui.loginLanguage.lang = TEXT.language.switchToLanguage;
  ui.loginLanguage.addEventListener('click', () => chooseLanguage(/** @type {'it' | 'en'} */ (TEXT.language.switchToLanguage)));
  wireAvailability(() => Promise.all([loadQueue(), loadChats()]));
  wireTabs();
  wireChat();
  wireChatActions();
  wireTicketList();
  wireTicket();
  wireConversations();
  resetTranscript();
  wireSink();
  wireKnowledge();
  window.addEventListener('hashchange', followKnowledgeLink);
  wireSeasons();
  wireSeasonNotice();
  wireReplies();
  wirePrivacy();
  wireTeam();
  wireAudit();
  wireReports();
  onOpenKnowledge((topic) => {
    setView('knowledge');
    showTopic(topic);
  });
  wireAccount(renderMe, () => {
    // The old token stopped working: the realtime connection opens again with the new one.
    hub.stop();
    hub.start();
  });
}

translatePage();
wire();
refreshHealth();
setInterval(refreshHealth, HEALTH_REFRESH_MS);
setInterval(tick, 1000);
// Even with the hub, now and then: notices a token revoked elsewhere (a logout in another tab).
setInterval(() => { if (state.token && hub.connected) { loadMe().catch(reportError); } }, ME_CHECK_MS);
showRealtime('off');
closeChat();

const saved = loadSavedSession();
if (saved) {
  startSession(saved.token, saved.expiresAt, saved.operator);
} else {
  showLogin();
}
