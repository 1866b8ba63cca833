/*
 * Lucine chat widget: one script tag on the park's website.
 *
 *   <script src="https://<lucine-host>/widget/lucine-widget.js" data-lang="it" defer></script>
 *
 * Optional attributes: data-api (the Lucine origin, default: where this script comes from),
 * data-lang ("it" or "en", default: the page's lang), data-open ("true" opens the panel at load).
 *
 * A page opened from a ticket's resume link (…?lucine_resume=<token>) reopens that ticket's
 * conversation: the widget trades the token for the conversation's credentials, keeps them as its
 * own and shows the whole history. The parameter is taken out of the address at once, so that a
 * reload or a shared URL does not spend the link again.
 *
 * Everything the visitor or the server writes is rendered with textContent, never as HTML.
 * A message is sent with a client message id and retried with the same id, so a flaky network
 * never produces a duplicate or a lost message.
 *
 * While people are involved (queued, with an operator) their messages arrive by SignalR, loaded
 * only then from vendor/signalr.min.js next to this script; when realtime is not available the
 * widget polls GET /api/chat/{id}/messages instead. Either way messages are numbered by the server,
 * so whatever the path, each one is shown once and in order.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || window.LucineChat) {
    return;
  }

  var API = (script.getAttribute('data-api') || new URL(script.src, location.href).origin).replace(/\/+$/, '');
  // The SignalR bundle is served next to this script, wherever the API is.
  var SIGNALR_URL = new URL('vendor/signalr.min.js', new URL(script.src, location.href)).href;
  var LANG = ((script.getAttribute('data-lang') || document.documentElement.lang || 'it').slice(0, 2) === 'en') ? 'en' : 'it';
  var STORAGE_KEY = 'lucine.chat.v1';
  var RESUME_PARAMETER = 'lucine_resume';
  var RETRIES = 3;
  var POLL_MS = 3000;            // REFERENCE.md: the widget polls every 3 s while people are involved
  var HUB_RETRY_MS = 30000;      // a failed realtime connection is tried again this often; polling covers the gap
  var TYPING_REPEAT_MS = 2000;   // tell the operator "typing" at most this often...
  var TYPING_IDLE_MS = 3000;     // ...and "stopped" after this long without a keystroke
  var TYPING_SHOWN_MS = 5000;    // the operator's indicator goes away by itself if their "stopped" is lost

  // Where people, not the assistant, write: these statuses need realtime (or polling).
  var LIVE = ['queued', 'with_operator', 'waiting_client', 'closing'];
  // An operator is in charge: only then is the visitor's typing worth telling.
  var WITH_OPERATOR = ['with_operator', 'waiting_client', 'closing'];
  // A conversation in one of these comes back open after a reload: people are involved, or the
  // assistant is half-way through taking the visitor's contact details for a ticket.
  var REOPEN_AT_LOAD = LIVE.concat(['collecting_contact']);
  var SENDERS = ['visitor', 'bot', 'operator', 'system'];

  var TEXTS = {
    it: {
      open: 'Apri la chat con Lucy',
      close: 'Chiudi la chat',
      title: 'Lucy · Lucine di Natale',
      intro: 'Ciao! Chiedimi di biglietti, orari, parcheggi o di qualsiasi cosa sulla visita.',
      placeholder: 'Scrivi la tua domanda…',
      send: 'Invia',
      typing: 'Lucy sta scrivendo…',
      operatorTyping: 'L\'operatore sta scrivendo…',
      offline: 'Connessione assente: riprova tra poco. Il messaggio non è stato inviato.',
      failed: 'Non riesco a inviare il messaggio. Riprova tra poco.',
      newSession: 'La conversazione precedente non è più disponibile: ne ho iniziata una nuova.',
      actionGone: 'Questo pulsante non è più valido: ecco la conversazione aggiornata.',
      queued: 'Sei n° {position} in coda · attesa ~{minutes} min',
      queuedUnknown: 'In coda per parlare con un operatore…',
      withOperator: 'In chat con {name}',
      withOperatorUnknown: 'In chat con un operatore',
      waitingClient: '{name} ti aspetta: scrivi pure',
      waitingClientUnknown: 'L\'operatore ti aspetta: scrivi pure',
      closing: 'È tutto risolto? Rispondi con i pulsanti qui sotto',
      collectingContact: 'Raccolta contatti per la richiesta allo staff',
      ended: 'Chat conclusa · scrivi per iniziarne una nuova',
      resumeExpired: 'Il link per riprendere la conversazione è scaduto. Scrivi pure qui: ti aiutiamo volentieri.',
      resumeInvalid: 'Il link per riprendere la conversazione non è valido. Scrivi pure qui: ti aiutiamo volentieri.',
      resumeFailed: 'Non riesco a riprendere la conversazione in questo momento. Riprova tra poco dal link ricevuto.'
    },
    en: {
      open: 'Open the chat with Lucy',
      close: 'Close the chat',
      title: 'Lucy · Lucine di Natale',
      intro: 'Hi! Ask me about tickets, opening hours, parking or anything about your visit.',
      placeholder: 'Type your question…',
      send: 'Send',
      typing: 'Lucy is typing…',
      operatorTyping: 'The operator is typing…',
      offline: 'No connection: please try again shortly. The message was not sent.',
      failed: 'I can\'t send the message right now. Please try again shortly.',
      newSession: 'The previous conversation is no longer available, so I started a new one.',
      actionGone: 'That button no longer applies: here is the conversation as it stands.',
      queued: 'You are number {position} in the queue · wait ~{minutes} min',
      queuedUnknown: 'Waiting in the queue for an operator…',
      withOperator: 'Chatting with {name}',
      withOperatorUnknown: 'Chatting with an operator',
      waitingClient: '{name} is waiting for you: just write',
      waitingClientUnknown: 'The operator is waiting for you: just write',
      closing: 'Is everything solved? Answer with the buttons below',
      collectingContact: 'Contact details for your request to the staff',
      ended: 'Chat ended · write to start a new one',
      resumeExpired: 'The link to resume the conversation has expired. Just write here: we are happy to help.',
      resumeInvalid: 'The link to resume the conversation is not valid. Just write here: we are happy to help.',
      resumeFailed: 'I can\'t resume the conversation right now. Please try the link you received again shortly.'
    }
  };
  var TEXT = TEXTS[LANG];

  // ---- state -------------------------------------------------------------------------------

  var session = loadSession(); // { sessionId, sessionToken, status? }: status only decides whether to resume at load
  var rendered = new Map(); // sequence -> element, so history, replies, pushes and polls never duplicate
  var shownUpTo = 0; // every message numbered up to this one is on screen: the cursor for catching up
  var historyLoaded = false;
  var busy = false;
  var pending = null; // { clientMessageId, node }: the visitor's message on its way
  // What the server last said about the conversation. Language is the conversation's (the
  // assistant detects it), so the status line speaks it even on a page in the other language.
  var conversation = { status: null, language: null, queue: null, operator: null };

  function loadSession() {
    try {
      var value = JSON.parse(localStorage.getItem(STORAGE_KEY) || 'null');
      return value && typeof value.sessionId === 'string' && typeof value.sessionToken === 'string' ? value : null;
    } catch (e) {
      return null;
    }
  }

  function saveSession(value) {
    if (session && (!value || value.sessionId !== session.sessionId)) {
      forgetConversation();
    }
    session = value;
    writeSession();
  }

  function writeSession() {
    try {
      if (session) {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
      } else {
        localStorage.removeItem(STORAGE_KEY);
      }
    } catch (e) {
      // Private mode without storage: the conversation lasts as long as the page.
    }
  }

  function newClientMessageId() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function isLive(status) {
    return LIVE.indexOf(status) >= 0;
  }

  function withOperator(status) {
    return WITH_OPERATOR.indexOf(status) >= 0;
  }

  function words() {
    return TEXTS[conversation.language] || TEXT;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return String(values[name]); });
  }

  function noop() {}

  // ---- DOM -----------------------------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  var host = el('div');
  host.id = 'lucine-chat';
  var root = host.attachShadow({ mode: 'open' });

  var stylesheet = el('link');
  stylesheet.rel = 'stylesheet';
  stylesheet.href = API + '/widget/lucine-widget.css';
  root.appendChild(stylesheet);

  var launcher = el('button', 'launcher');
  launcher.type = 'button';
  launcher.setAttribute('aria-label', TEXT.open);
  launcher.setAttribute('aria-expanded', 'false');
  launcher.appendChild(el('span', 'launcher-icon', '💬'));

  var panel = el('section', 'panel');
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', TEXT.title);

  var header = el('header', 'header');
  header.appendChild(el('span', 'title', TEXT.title));
  var closeButton = el('button', 'close', '×');
  closeButton.type = 'button';
  closeButton.setAttribute('aria-label', TEXT.close);
  header.appendChild(closeButton);

  // Who the visitor is talking to, or where they are in the queue. The avatar <img> exists only
  // while there is one to show.
  var statusLine = el('div', 'status');
  statusLine.setAttribute('role', 'status');
  statusLine.hidden = true;
  var statusText = el('span', 'status-text');
  statusLine.appendChild(statusText);
  var avatar = null;

  var log = el('div', 'messages');
  log.setAttribute('role', 'log');
  log.setAttribute('aria-live', 'polite');
  log.appendChild(el('p', 'intro', TEXT.intro));

  var actions = el('div', 'actions');
  var typing = el('p', 'typing');
  typing.hidden = true;
  var notice = el('p', 'notice');
  notice.setAttribute('role', 'status');
  notice.hidden = true;

  var form = el('form', 'composer');
  var input = el('textarea', 'input');
  input.rows = 1;
  input.placeholder = TEXT.placeholder;
  input.setAttribute('aria-label', TEXT.placeholder);
  var sendButton = el('button', 'send', TEXT.send);
  sendButton.type = 'submit';
  form.appendChild(input);
  form.appendChild(sendButton);

  panel.appendChild(header);
  panel.appendChild(statusLine);
  panel.appendChild(log);
  panel.appendChild(typing);
  panel.appendChild(actions);
  panel.appendChild(notice);
  panel.appendChild(form);
  root.appendChild(launcher);
  root.appendChild(panel);

  // Another session starts: its messages are numbered from 1 again, so the old ones must go, and
  // so must everything that listened for the old one.
  function forgetConversation() {
    rendered.forEach(function (node) { node.remove(); });
    rendered.clear();
    shownUpTo = 0;
    actions.replaceChildren();
    stopRealtime();
    conversation = { status: null, language: null, queue: null, operator: null };
    updatePolling();
    setOperatorTyping(false);
    renderStatus();
  }

  function showNotice(text, quiet) {
    notice.textContent = text || '';
    notice.hidden = !text;
    // A quiet notice explains, it does not alarm: something changed, nothing failed.
    notice.classList.toggle('quiet', !!quiet);
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function bubble(sender, text, author) {
    var item = el('div', 'message ' + sender);
    if (author) {
      item.appendChild(el('p', 'author', author));
    }
    item.appendChild(el('p', 'text', text));
    return item;
  }

  function renderMessage(message) {
    if (rendered.has(message.sequence)) {
      return;
    }
    var sender = SENDERS.indexOf(message.sender) >= 0 ? message.sender : 'system';
    var item = bubble(sender, message.text, sender === 'operator' ? message.author : null);
    item.dataset.sequence = String(message.sequence);
    // Keep the log in sequence order whatever order messages arrive in.
    var next = null;
    var newest = true;
    rendered.forEach(function (node, sequence) {
      if (sequence > message.sequence) {
        newest = false;
        if (!next || sequence < Number(next.dataset.sequence)) {
          next = node;
        }
      }
    });
    if (pending && message.clientMessageId && message.clientMessageId === pending.clientMessageId) {
      // The visitor's own message came back (pushed before the POST answered): it replaces the draft.
      pending.node.remove();
    }
    log.insertBefore(item, next);
    rendered.set(message.sequence, item);
    while (rendered.has(shownUpTo + 1)) {
      shownUpTo += 1;
    }
    // Only the newest message's buttons apply: a newer message of any kind takes older ones away.
    if (newest) {
      renderActions(message.smartActions || []);
    }
    if (sender === 'operator') {
      setOperatorTyping(false);
    }
    if (panel.hidden && sender !== 'visitor') {
      launcher.classList.add('unread');
    }
    scrollToEnd();
  }

  function safeUrl(url, protocols) {
    try {
      var parsed = new URL(url);
      return protocols.indexOf(parsed.protocol) >= 0 ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  function renderActions(list) {
    actions.replaceChildren();
    list.forEach(function (action) {
      if (action.kind === 'link') {
        var href = safeUrl(action.url, ['https:', 'mailto:', 'tel:']);
        if (!href) {
          return;
        }
        var link = el('a', 'action link', action.label);
        link.href = href;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        actions.appendChild(link);
      } else if (action.kind === 'command') {
        var button = el('button', 'action command', action.label);
        button.type = 'button';
        button.dataset.action = action.action;
        button.addEventListener('click', function () {
          actions.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
          send({ action: action.action }, null);
        });
        actions.appendChild(button);
      }
    });
  }

  function renderStatus() {
    var text = words();
    var status = conversation.status;
    var queue = conversation.queue;
    var name = conversation.operator && conversation.operator.displayName;
    var line = '';
    if (status === 'queued') {
      line = queue && queue.position ? fill(text.queued, { position: queue.position, minutes: queue.estimatedWaitMinutes }) : text.queuedUnknown;
    } else if (status === 'with_operator') {
      line = name ? fill(text.withOperator, { name: name }) : text.withOperatorUnknown;
    } else if (status === 'waiting_client') {
      line = name ? fill(text.waitingClient, { name: name }) : text.waitingClientUnknown;
    } else if (status === 'closing') {
      line = text.closing;
    } else if (status === 'collecting_contact') {
      line = text.collectingContact;
    } else if (status === 'ended') {
      line = text.ended;
    }
    statusText.textContent = line;
    statusLine.hidden = !line;

    // Only an https image, set as a property: never markup, never a script or data URL.
    var src = withOperator(status) && conversation.operator && conversation.operator.avatar
      ? safeUrl(conversation.operator.avatar, ['https:']) : null;
    if (src && !avatar) {
      avatar = el('img', 'avatar');
      avatar.alt = '';
      avatar.referrerPolicy = 'no-referrer';
      // A broken avatar is left out rather than shown as a broken image.
      avatar.addEventListener('error', function () { if (avatar) { avatar.hidden = true; } });
      statusLine.insertBefore(avatar, statusText);
    }
    if (src && avatar.src !== src) {
      avatar.hidden = false;
      avatar.src = src;
    }
    if (!src && avatar) {
      avatar.remove();
      avatar = null;
    }
  }

  // "Lucy is typing" while the assistant answers a POST; "the operator is typing" when told so.
  var botTyping = false;
  var operatorTyping = false;
  var operatorTypingTimer = null;

  function renderTyping() {
    typing.textContent = operatorTyping ? words().operatorTyping : TEXT.typing;
    typing.hidden = !operatorTyping && !botTyping;
  }

  function setOperatorTyping(value) {
    clearTimeout(operatorTypingTimer);
    operatorTypingTimer = value ? setTimeout(function () { setOperatorTyping(false); }, TYPING_SHOWN_MS) : null;
    operatorTyping = value;
    renderTyping();
  }

  // What the server said about the conversation (POST, GET, or a push), applied in one place. A
  // field that is not in the update is left as it was.
  function applyState(update) {
    var before = conversation.status;
    if (update.status) {
      conversation.status = update.status;
    }
    if (update.language) {
      conversation.language = update.language;
    }
    if ('queue' in update) {
      conversation.queue = update.queue;
    }
    if ('operator' in update) {
      conversation.operator = update.operator;
    }
    var status = conversation.status;
    if (status !== 'queued') {
      conversation.queue = null;
    }
    if (!withOperator(status)) {
      conversation.operator = null;
      setOperatorTyping(false);
    }
    if (session && session.status !== status) {
      // Remembered so that a reload during a live chat resumes it at once.
      session.status = status;
      writeSession();
    }
    renderStatus();
    updateRealtime();
    if (status !== before && ((status === 'queued' && !('queue' in update)) || (withOperator(status) && !('operator' in update)))) {
      sync(); // a POST or a push says only the status: fetch the queue place or the operator's name now
    } else if (isLive(before) && !isLive(status)) {
      sync(); // realtime has just been stopped: the chat's last words may still be on their way
    }
  }

  // ---- API -----------------------------------------------------------------------------------

  function headers() {
    var result = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    if (session) {
      result['X-Session-Token'] = session.sessionToken;
    }
    return result;
  }

  function delay(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  function problemIs(data, name) {
    return !!data && data.type === 'urn:lucine:problem:' + name;
  }

  // POST /api/chat, retried on network errors and 5xx with the same client message id.
  function postChat(payload, attempt) {
    var body = Object.assign({ clientMessageId: payload.clientMessageId }, payload.content);
    if (session) {
      body.sessionId = session.sessionId;
    }
    return fetch(API + '/api/chat', { method: 'POST', headers: headers(), body: JSON.stringify(body) })
      .then(function (response) {
        if (response.status >= 500 && attempt < RETRIES) {
          return delay(500 * Math.pow(2, attempt)).then(function () { return postChat(payload, attempt + 1); });
        }
        return response.json().catch(function () { return {}; }).then(function (data) {
          return { status: response.status, data: data };
        });
      }, function () {
        if (attempt < RETRIES) {
          return delay(500 * Math.pow(2, attempt)).then(function () { return postChat(payload, attempt + 1); });
        }
        return { status: 0, data: null };
      });
  }

  function send(content, pendingText) {
    if (busy) {
      return Promise.resolve();
    }
    busy = true;
    sendButton.disabled = true;
    showNotice('');
    stopVisitorTyping();
    var payload = { content: content, clientMessageId: newClientMessageId() };
    if (pendingText !== null) {
      pending = { clientMessageId: payload.clientMessageId, node: bubble('visitor pending', pendingText) };
      log.appendChild(pending.node);
      scrollToEnd();
    }
    // With people involved the POST returns only the visitor's own message: nobody is typing yet.
    botTyping = !isLive(conversation.status);
    renderTyping();

    return postChat(payload, 0).then(function (result) {
      if (result.status === 401 && session) {
        // The server no longer knows this session (or its key changed): nothing was stored, start over.
        saveSession(null);
        showNotice(TEXT.newSession);
        payload.clientMessageId = newClientMessageId();
        if (pending) {
          pending.clientMessageId = payload.clientMessageId;
        }
        return postChat(payload, 0);
      }
      return result;
    }).then(function (result) {
      if (pending) {
        pending.node.remove();
        pending = null;
      }
      if (result.status === 200) {
        if (result.data.sessionToken) {
          saveSession({ sessionId: result.data.sessionId, sessionToken: result.data.sessionToken });
        }
        result.data.messages.forEach(renderMessage);
        applyState({ status: result.data.status });
        return;
      }
      if (result.status === 409 && problemIs(result.data, 'action-not-available')) {
        // The button was overtaken by events (pressed twice, or the chat moved on): nothing is
        // wrong, the visitor just needs to see where the chat stands now.
        showNotice(words().actionGone, true);
        sync();
        return;
      }
      if (pendingText !== null) {
        input.value = pendingText; // give the text back so the visitor can fix or resend it
      }
      showNotice(result.status === 0 ? TEXT.offline : (result.data && result.data.detail) || TEXT.failed);
      actions.querySelectorAll('button').forEach(function (b) { b.disabled = false; });
    }).finally(function () {
      busy = false;
      sendButton.disabled = false;
      botTyping = false;
      renderTyping();
    });
  }

  // GET the messages after `after`, page after page, and what the server says of the session.
  // Resolves true once everything is drawn (or there is no session), false when it could not be
  // fetched, so that the caller can try again.
  function fetchMessages(after) {
    if (!session) {
      return Promise.resolve(true);
    }
    var owner = session.sessionId;
    var url = API + '/api/chat/' + encodeURIComponent(owner) + '/messages?after=' + after;
    return fetch(url, { headers: headers() }).then(function (response) {
      if (!session || session.sessionId !== owner) {
        return true; // the answer is about a session that has been replaced meanwhile
      }
      if (response.status === 401 || response.status === 404) {
        saveSession(null);
        return true;
      }
      if (!response.ok) {
        return false;
      }
      return response.json().then(function (page) {
        if (!session || session.sessionId !== owner) {
          return true;
        }
        page.messages.forEach(renderMessage);
        applyState({
          status: page.status,
          language: page.language,
          queue: page.queue || null,
          operator: page.operator || null
        });
        return page.hasMore ? fetchMessages(page.nextAfter) : true;
      });
    }, function () {
      return false;
    });
  }

  // Catch up from the first message not on screen. Calls while one is running are folded into
  // one more run after it, so that what happened during it is not missed either.
  var syncing = null;
  var syncAgain = false;

  function sync() {
    if (syncing) {
      syncAgain = true;
      return syncing;
    }
    syncing = fetchMessages(shownUpTo).then(function (complete) {
      syncing = null;
      if (syncAgain) {
        syncAgain = false;
        return sync();
      }
      return complete;
    });
    return syncing;
  }

  // ---- realtime ------------------------------------------------------------------------------

  var hub = null;           // the SignalR connection of the current session, while one is wanted
  var hubConnected = false; // pushes arrive: no need to poll
  var hubRetryTimer = null;
  var signalRLoading = null;

  function loadSignalR() {
    if (window.signalR) {
      return Promise.resolve(window.signalR);
    }
    if (!signalRLoading) {
      signalRLoading = new Promise(function (resolve, reject) {
        var tag = document.createElement('script');
        tag.src = SIGNALR_URL;
        tag.async = true;
        tag.onload = function () {
          // A page with an AMD loader gets the bundle as a module, not as a global: poll then.
          if (window.signalR) {
            resolve(window.signalR);
          } else {
            reject(new Error('signalR global missing'));
          }
        };
        tag.onerror = function () {
          tag.remove();
          signalRLoading = null; // a later attempt may load it
          reject(new Error('signalR bundle not loaded'));
        };
        document.head.appendChild(tag);
      });
    }
    return signalRLoading;
  }

  // Realtime only while people are involved: a visitor who only asks the assistant gets every
  // answer in the POST response, and holds no connection open for nothing.
  function updateRealtime() {
    if (session && isLive(conversation.status)) {
      startRealtime();
    } else {
      stopRealtime();
    }
    updatePolling();
  }

  function startRealtime() {
    if (hub || hubRetryTimer) {
      return;
    }
    var owner = session;
    var connection = null;
    hub = 'starting'; // a placeholder, so that a second call does not start a second connection

    function lost() {
      if (hub !== (connection || 'starting')) {
        return; // a connection already replaced or stopped on purpose
      }
      hub = null;
      hubConnected = false;
      updatePolling();
      // Try again later while still wanted; polling keeps the conversation going meanwhile.
      hubRetryTimer = setTimeout(function () {
        hubRetryTimer = null;
        updateRealtime();
      }, HUB_RETRY_MS);
    }

    loadSignalR().then(function (signalR) {
      if (hub !== 'starting' || session !== owner) {
        return;
      }
      connection = new signalR.HubConnectionBuilder()
        .withUrl(API + '/api/hub', {
          accessTokenFactory: function () { return owner.sessionToken; },
          // The token travels in a header (or the query string for WebSockets), never in cookies:
          // without credentials the hub can be reached from the park's site like the chat API.
          withCredentials: false
        })
        .withAutomaticReconnect()
        .configureLogging(signalR.LogLevel.None)
        .build();
      hub = connection;

      connection.on('message', function (event) {
        if (forThisSession(event) && event.message) {
          var gap = event.message.sequence > shownUpTo + 1;
          renderMessage(event.message);
          if (gap) {
            sync(); // something was missed (a push lost while reconnecting): fetch it
          }
        }
      });
      connection.on('status', function (event) {
        if (forThisSession(event)) {
          applyState({ status: event.status, operator: event.operator || null });
        }
      });
      connection.on('queue', function (event) {
        if (forThisSession(event)) {
          applyState({ queue: { position: event.position, estimatedWaitMinutes: event.estimatedWaitMinutes } });
        }
      });
      connection.on('typing', function (event) {
        if (forThisSession(event) && event.sender === 'operator') {
          setOperatorTyping(!!event.isTyping);
        }
      });
      connection.onreconnecting(function () {
        if (hub === connection) {
          hubConnected = false;
          updatePolling();
        }
      });
      connection.onreconnected(function () {
        if (hub === connection) {
          hubConnected = true;
          updatePolling();
          sync(); // pushes sent while the connection was down are not replayed
        }
      });
      connection.onclose(lost);

      return connection.start().then(function () {
        if (hub !== connection) {
          connection.stop().catch(noop);
          return;
        }
        hubConnected = true;
        updatePolling();
        sync(); // whatever happened before the connection existed
      });
    }).catch(lost);
  }

  function stopRealtime() {
    clearTimeout(hubRetryTimer);
    hubRetryTimer = null;
    stopVisitorTyping();
    var connection = hub;
    hub = null;
    hubConnected = false;
    if (connection && connection !== 'starting') {
      connection.stop().catch(noop);
    }
  }

  function forThisSession(event) {
    return !!event && !!session && event.sessionId === session.sessionId;
  }

  // ---- polling fallback ----------------------------------------------------------------------

  var pollTimer = null;

  // A chain of timeouts, not an interval: the next poll is planned only once the previous one has
  // answered, so a slow server never gets requests piling up.
  function updatePolling() {
    var wanted = !!session && isLive(conversation.status) && !hubConnected;
    if (wanted && !pollTimer) {
      var timer = setTimeout(function () {
        sync().then(function () {
          if (pollTimer === timer) { // not stopped (and maybe restarted) meanwhile
            pollTimer = null;
            updatePolling();
          }
        });
      }, POLL_MS);
      pollTimer = timer;
    } else if (!wanted) {
      stopPolling();
    }
    // How messages arrive now, for the page (and tests) to see: "connected", "polling" or "off".
    host.dataset.realtime = hubConnected ? 'connected' : pollTimer ? 'polling' : 'off';
  }

  function stopPolling() {
    clearTimeout(pollTimer);
    pollTimer = null;
  }

  // ---- the visitor's typing, told to the operator --------------------------------------------

  var visitorTyping = false;
  var typingSentAt = 0;
  var typingIdleTimer = null;

  function tellTyping(value) {
    if (hub && hubConnected) {
      hub.invoke('VisitorTyping', value).catch(noop);
    }
  }

  function visitorTyped() {
    if (!hubConnected || !withOperator(conversation.status)) {
      return;
    }
    if (!input.value.trim()) {
      stopVisitorTyping();
      return;
    }
    // Repeated while typing goes on, so the operator's indicator (which fades by itself) stays up.
    var now = Date.now();
    if (!visitorTyping || now - typingSentAt >= TYPING_REPEAT_MS) {
      visitorTyping = true;
      typingSentAt = now;
      tellTyping(true);
    }
    clearTimeout(typingIdleTimer);
    typingIdleTimer = setTimeout(stopVisitorTyping, TYPING_IDLE_MS);
  }

  function stopVisitorTyping() {
    clearTimeout(typingIdleTimer);
    typingIdleTimer = null;
    if (visitorTyping) {
      visitorTyping = false;
      tellTyping(false);
    }
  }

  // ---- behaviour -----------------------------------------------------------------------------

  function show(focus) {
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    launcher.hidden = true;
    launcher.classList.remove('unread');
    if (focus) {
      input.focus();
    }
    if (!historyLoaded) {
      // The stored conversation, and anything said while the page was closed.
      historyLoaded = true;
      sync().then(function (complete) {
        historyLoaded = complete;
      });
    }
  }

  function open() {
    show(true);
  }

  function close() {
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  launcher.addEventListener('click', open);
  closeButton.addEventListener('click', close);
  panel.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') {
      close();
    }
  });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text || busy) {
      return;
    }
    input.value = '';
    send({ message: text }, text);
  });

  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener('input', visitorTyped);

  // ---- resume link ---------------------------------------------------------------------------

  // The token of a resume link, taken out of the address at once: a reload must not spend it again.
  function takeResumeToken() {
    var url = new URL(location.href);
    var token = url.searchParams.get(RESUME_PARAMETER);
    if (token === null) {
      return null;
    }
    url.searchParams.delete(RESUME_PARAMETER);
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return token;
  }

  // The ticket's conversation replaces whatever the widget had: it is the one the visitor came
  // back for. Its history is then loaded as after a reload, resume message and buttons included.
  function resume(token) {
    return fetch(API + '/api/tickets/resume', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify({ token: token })
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (data) {
        if (response.ok && data && typeof data.sessionId === 'string' && typeof data.sessionToken === 'string') {
          saveSession({ sessionId: data.sessionId, sessionToken: data.sessionToken, status: data.status });
          historyLoaded = false;
          open();
          return;
        }
        // The visitor came to talk: the chat opens anyway, with what went wrong and no dead end.
        open();
        showNotice(response.status === 410 ? TEXT.resumeExpired
          : response.status === 400 || response.status === 404 ? TEXT.resumeInvalid : TEXT.resumeFailed);
      });
    }, function () {
      open();
      showNotice(TEXT.resumeFailed);
    });
  }

  function mount() {
    document.body.appendChild(host);
    var resumeToken = takeResumeToken();
    if (resumeToken !== null) {
      resume(resumeToken);
    } else if (script.getAttribute('data-open') === 'true') {
      open();
    } else if (session && REOPEN_AT_LOAD.indexOf(session.status) >= 0) {
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

  window.LucineChat = { open: open, close: close };
})();
