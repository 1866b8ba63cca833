// What the widget does: sends the visitor's messages and buttons, catches up with the server,
// follows people's messages by realtime (or polling), tells and shows typing, resumes tickets.
import { problemDetail, isProblem } from '../client/api.js';
import { newClientMessageId } from '../client/ids.js';
import { Realtime, loadSignalR } from '../client/realtime.js';
import { HubEvent, isWithOperator } from '../client/wire.js';
import { Attachments } from './attachments.js';
import { followPages, visitorContext } from './context.js';
import en from './i18n/en.js';
import it from './i18n/it.js';
import { MessageLog } from './messages.js';
import { offerRating } from './rating.js';
import { resumeRefusal, takeResumeToken } from './resume.js';
import { loadSession, storeSession } from './session.js';
import { describeStatus, isLive, newConversation, reopensAtLoad } from './status.js';
import { applySettings } from './settings.js';
import { getMessages, postChat, postPage, postResume, postTyping } from './transport.js';
import { Typing } from './typing.js';
import { WidgetView } from './view.js';

/** @typedef {import('./messages.js').ChatMessage} ChatMessage */
/** @typedef {import('./session.js').StoredSession} StoredSession */
/** @typedef {import('./status.js').Conversation} Conversation */

/**
 * What the script tag says.
 * @typedef {object} Settings
 * @property {string} api Lucine's origin
 * @property {string} signalRUrl
 * @property {'it' | 'en'} lang the page's language
 * @property {boolean} openAtLoad
 */

const POLL_MS = 3000;            // while people are involved and realtime is down
const HUB_RETRY_MS = 30000;      // a failed realtime connection is tried again this often; polling covers the gap

const TEXTS = { it, en };

/**
 * Puts the widget on the page.
 * @param {Settings} settings
 * @returns {{ open: () => void, close: () => void }}
 */
export function startWidget(settings) {
  const TEXT = TEXTS[settings.lang];
  const view = new WidgetView(TEXT, ['lucine-widget.css', 'rating-form.css', 'attachments.css'].map((file) => settings.api + '/widget/' + file));
  const log = new MessageLog(view, settings.lang, (attachment) => attachments.node(attachment));
  const attachments = new Attachments({ view, log, api: settings.api, lang: settings.lang, session: () => session, words, show: renderMessage });

  let session = loadSession();
  let conversation = newConversation();
  let historyLoaded = false;
  let busy = false;

  const realtime = new Realtime({
    origin: settings.api,
    // A session token names its session: the hub needs nothing else.
    accessToken: () => (session ? session.sessionToken : ''),
    on: {
      [HubEvent.message]: (event) => {
        if (forThisSession(event) && event.message) {
          const gap = event.message.sequence > log.shownUpTo + 1;
          renderMessage(event.message);
          if (gap) {
            sync(); // something was missed (a push lost while reconnecting): fetch it
          }
        }
      },
      [HubEvent.status]: (event) => {
        if (forThisSession(event)) {
          applyState({ status: event.status, operator: event.operator || null });
        }
      },
      [HubEvent.queue]: (event) => {
        if (forThisSession(event)) {
          applyState({ queue: { position: event.position, estimatedWaitMinutes: event.estimatedWaitMinutes } });
        }
      },
      [HubEvent.typing]: (event) => {
        if (forThisSession(event) && event.sender === 'operator') {
          typing.setOperator(!!event.isTyping);
        }
      }
    },
    catchUp: () => sync(),
    pollMs: POLL_MS,
    firstRetryMs: HUB_RETRY_MS,
    maxRetryMs: HUB_RETRY_MS,
    logLevel: 'None',
    loadSignalR: () => loadSignalR(settings.signalRUrl),
    onChange: () => view.showChannel(realtime.connected ? 'connected' : realtime.polling ? 'polling' : 'off')
  });
  const typing = new Typing(view, realtime, TEXT, words, (isTyping) => {
    if (session) {
      postTyping(settings.api, session, isTyping);
    }
  });

  /** The conversation's own language when known, else the page's. */
  function words() {
    return (conversation.language === 'it' || conversation.language === 'en') ? TEXTS[conversation.language] : TEXT;
  }

  /** @param {{ sessionId?: string } | null | undefined} event */
  function forThisSession(event) {
    return !!event && !!session && event.sessionId === session.sessionId;
  }

  /** @param {StoredSession | null} value */
  function saveSession(value) {
    if (session && (!value || value.sessionId !== session.sessionId)) {
      forgetConversation();
    }
    session = value;
    storeSession(session);
  }

  // Another session starts: everything shown or listened to for the old one must go.
  function forgetConversation() {
    log.clear();
    view.showActions([], sendCommand);
    stopRealtime();
    conversation = newConversation();
    typing.setOperator(false);
    renderStatus();
  }

  /** @param {ChatMessage} message */
  function renderMessage(message) {
    const added = log.add(message);
    if (!added) {
      return;
    }
    // Only the newest message's buttons apply: a newer message of any kind takes older ones away.
    if (added.newest) {
      view.showActions(message.smartActions || [], sendCommand);
    }
    if (added.sender === 'operator') {
      typing.setOperator(false);
    }
    if (!view.isOpen && added.sender !== 'visitor') {
      view.markUnread();
    }
  }

  function renderStatus() {
    const operator = isWithOperator(conversation.status) ? conversation.operator : null;
    view.showStatus(describeStatus(conversation, words()), operator && operator.avatar);
    offerRating(view, settings.api, session, conversation.status, words());
    view.composer.expect(conversation.status === 'collecting_contact' ? conversation.expecting : null, words());
  }

  /**
   * What the server said about the conversation (POST, GET, or a push), applied in one place. A
   * field that is not in the update is left as it was.
   * @param {Partial<Conversation>} update
   */
  function applyState(update) {
    const before = conversation.status;
    if (update.status) {
      conversation.status = update.status;
    }
    if (update.language) {
      conversation.language = update.language;
    }
    if (update.queue !== undefined) {
      conversation.queue = update.queue;
    }
    if (update.operator !== undefined) {
      conversation.operator = update.operator;
    }
    if (update.expecting !== undefined) {
      conversation.expecting = update.expecting;
    }
    const status = conversation.status;
    if (status !== 'queued') {
      conversation.queue = null;
    }
    if (!isWithOperator(status)) {
      conversation.operator = null;
      typing.setOperator(false);
    }
    if (session && session.status !== status) {
      // Remembered so that a reload during a live chat resumes it at once.
      session.status = status;
      storeSession(session);
    }
    renderStatus();
    updateRealtime();
    if (status !== before && ((status === 'queued' && update.queue === undefined) || (isWithOperator(status) && update.operator === undefined))) {
      sync(); // a POST or a push says only the status: fetch the queue place or the operator's name now
    } else if (isLive(before) && !isLive(status)) {
      sync(); // realtime has just been stopped: the chat's last words may still be on their way
    }
  }

  /**
   * Sends a message (`pendingText` is drawn as a draft meanwhile) or a button's command (null).
   * @param {Record<string, string>} content
   * @param {string | null} pendingText
   */
  async function send(content, pendingText) {
    if (busy) {
      return;
    }
    busy = true;
    view.composer.sendButton.disabled = true;
    view.showNotice('');
    typing.stopVisitor();
    let clientMessageId = newClientMessageId();
    if (pendingText !== null) {
      log.addDraft(clientMessageId, pendingText);
    }
    // With people involved the POST returns only the visitor's own message: nobody is typing yet.
    typing.setBot(!isLive(conversation.status));
    try {
      let result = await postChat(settings.api, session, content, clientMessageId, visitorContext);
      if (result.status === 401 && session) {
        // The server no longer knows this session (or its key changed): nothing was stored, start over.
        saveSession(null);
        view.showNotice(TEXT.newSession);
        clientMessageId = newClientMessageId();
        if (log.draft) {
          log.draft.clientMessageId = clientMessageId;
        }
        result = await postChat(settings.api, session, content, clientMessageId, visitorContext);
      }
      log.removeDraft();
      if (result.status === 200) {
        if (result.body.sessionToken) {
          saveSession({ sessionId: result.body.sessionId, sessionToken: result.body.sessionToken });
        }
        result.body.messages.forEach(renderMessage);
        applyState({ status: result.body.status, expecting: result.body.expecting || null });
        return;
      }
      if (result.status === 409 && isProblem(result.body, 'action-not-available')) {
        // The button was overtaken by events (pressed twice, or the chat moved on): nothing is
        // wrong, the visitor just needs to see where the chat stands now.
        view.showNotice(words().actionGone, true);
        sync();
        return;
      }
      if (pendingText !== null) {
        view.composer.input.value = pendingText; // give the text back so the visitor can fix or resend it
      }
      view.showNotice(result.status === 0 ? TEXT.offline : problemDetail(result.body) || TEXT.failed);
      view.setActionsEnabled(true);
    } finally {
      busy = false;
      view.composer.sendButton.disabled = false;
      typing.setBot(false);
    }
  }

  /** @param {string} action a command button's */
  function sendCommand(action) {
    send({ action }, null);
  }

  /**
   * GETs the messages after `after`, page after page, and what the server says of the session.
   * Resolves true once everything is drawn (or there is no session), false when it could not be
   * fetched, so that the caller can try again.
   * @param {number} after
   * @returns {Promise<boolean>}
   */
  async function fetchMessages(after) {
    const owner = session;
    if (!owner) {
      return true;
    }
    const answer = await getMessages(settings.api, owner, after);
    if (!session || session.sessionId !== owner.sessionId) {
      return true; // the answer is about a session that has been replaced meanwhile
    }
    if (answer.status === 401 || answer.status === 404) {
      saveSession(null);
      return true;
    }
    if (!answer.ok || !answer.body) {
      return false;
    }
    const page = answer.body;
    page.messages.forEach(renderMessage);
    applyState({ status: page.status, language: page.language, queue: page.queue || null, operator: page.operator || null, expecting: page.expecting || null });
    return page.hasMore ? fetchMessages(page.nextAfter) : true;
  }

  // Catch up from the first message not on screen. Calls while one is running are folded into
  // one more run after it, so that what happened during it is not missed either.
  /** @type {Promise<boolean> | null} */
  let syncing = null;
  let syncAgain = false;

  /** @returns {Promise<boolean>} */
  function sync() {
    if (syncing) {
      syncAgain = true;
      return syncing;
    }
    syncing = fetchMessages(log.shownUpTo).then((complete) => {
      syncing = null;
      if (syncAgain) {
        syncAgain = false;
        return sync();
      }
      return complete;
    });
    return syncing;
  }

  // Realtime only while people are involved: a visitor who only asks the assistant gets every
  // answer in the POST response, and holds no connection open for nothing.
  function updateRealtime() {
    if (session && isLive(conversation.status)) {
      realtime.start();
    } else {
      stopRealtime();
    }
  }

  function stopRealtime() {
    typing.stopVisitor();
    realtime.stop();
  }

  /** @param {boolean} focus */
  function show(focus) {
    view.showPanel(focus);
    if (!historyLoaded) {
      // The stored conversation, and anything said while the page was closed.
      historyLoaded = true;
      sync().then((complete) => { historyLoaded = complete; });
    }
  }

  const open = () => show(true);
  const close = () => view.hidePanel();

  // The ticket's conversation replaces whatever the widget had: it is the one the visitor came
  // back for. Its history is then loaded as after a reload, resume message and buttons included.
  /** @param {string} token */
  async function resume(token) {
    const answer = await postResume(settings.api, token);
    const data = answer.body;
    if (answer.ok && data && typeof data.sessionId === 'string' && typeof data.sessionToken === 'string') {
      saveSession({ sessionId: data.sessionId, sessionToken: data.sessionToken, status: data.status });
      historyLoaded = false;
      open();
      return;
    }
    open();
    view.showNotice(resumeRefusal(answer.status, TEXT));
  }

  const reportPage = followPages((page) => !!session && session.status !== 'ended' && !!postPage(settings.api, session, page));
  view.launcher.addEventListener('click', open);
  view.closeButton.addEventListener('click', close);
  view.panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      close();
    }
  });
  view.composer.wire((text) => {
    if (busy) {
      return false;
    }
    send({ message: text }, text);
    return true;
  }, () => typing.visitorTyped(isWithOperator(conversation.status)));
  view.composer.wireAttach((file) => attachments.pick(file));

  function mount() {
    document.body.appendChild(view.host);
    reportPage();
    applySettings(settings.api, view);
    const resumeToken = takeResumeToken();
    if (resumeToken !== null) {
      resume(resumeToken);
    } else if (settings.openAtLoad) {
      open();
    } else if (session && reopensAtLoad(session.status)) {
      // Someone is (or was, a moment ago) talking with the visitor, or the assistant was taking
      // their contact details: reopen the chat where it was, without taking the focus from the page.
      show(false);
    }
  }

  if (document.body) {
    mount();
  } else {
    document.addEventListener('DOMContentLoaded', mount);
  }

  return { open, close };
}
