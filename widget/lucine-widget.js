/*
 * Lucine chat widget: one script tag on the park's website.
 *
 *   <script src="https://<lucine-host>/widget/lucine-widget.js" data-lang="it" defer></script>
 *
 * Optional attributes: data-api (the Lucine origin, default: where this script comes from),
 * data-lang ("it" or "en", default: the page's lang), data-open ("true" opens the panel at load).
 *
 * Everything the visitor or the server writes is rendered with textContent, never as HTML.
 * A message is sent with a client message id and retried with the same id, so a flaky network
 * never produces a duplicate or a lost message.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || window.LucineChat) {
    return;
  }

  var API = (script.getAttribute('data-api') || new URL(script.src, location.href).origin).replace(/\/+$/, '');
  var LANG = ((script.getAttribute('data-lang') || document.documentElement.lang || 'it').slice(0, 2) === 'en') ? 'en' : 'it';
  var STORAGE_KEY = 'lucine.chat.v1';
  var RETRIES = 3;

  var TEXT = {
    it: {
      open: 'Apri la chat con Lucy',
      close: 'Chiudi la chat',
      title: 'Lucy · Lucine di Natale',
      intro: 'Ciao! Chiedimi di biglietti, orari, parcheggi o di qualsiasi cosa sulla visita.',
      placeholder: 'Scrivi la tua domanda…',
      send: 'Invia',
      typing: 'Lucy sta scrivendo…',
      offline: 'Connessione assente: riprova tra poco. Il messaggio non è stato inviato.',
      failed: 'Non riesco a inviare il messaggio. Riprova tra poco.',
      newSession: 'La conversazione precedente non è più disponibile: ne ho iniziata una nuova.'
    },
    en: {
      open: 'Open the chat with Lucy',
      close: 'Close the chat',
      title: 'Lucy · Lucine di Natale',
      intro: 'Hi! Ask me about tickets, opening hours, parking or anything about your visit.',
      placeholder: 'Type your question…',
      send: 'Send',
      typing: 'Lucy is typing…',
      offline: 'No connection: please try again shortly. The message was not sent.',
      failed: 'I can\'t send the message right now. Please try again shortly.',
      newSession: 'The previous conversation is no longer available, so I started a new one.'
    }
  }[LANG];

  // ---- state -------------------------------------------------------------------------------

  var session = loadSession();
  var rendered = new Map(); // sequence -> element, so history, replies and retries never duplicate
  var historyLoaded = false;
  var busy = false;

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
    try {
      if (value) {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(value));
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

  var log = el('div', 'messages');
  log.setAttribute('role', 'log');
  log.setAttribute('aria-live', 'polite');
  log.appendChild(el('p', 'intro', TEXT.intro));

  var actions = el('div', 'actions');
  var typing = el('p', 'typing', TEXT.typing);
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
  panel.appendChild(log);
  panel.appendChild(typing);
  panel.appendChild(actions);
  panel.appendChild(notice);
  panel.appendChild(form);
  root.appendChild(launcher);
  root.appendChild(panel);

  // Another session starts: its messages are numbered from 1 again, so the old ones must go.
  function forgetConversation() {
    rendered.forEach(function (node) { node.remove(); });
    rendered.clear();
    actions.replaceChildren();
  }

  function showNotice(text) {
    notice.textContent = text || '';
    notice.hidden = !text;
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function bubble(sender, text) {
    var item = el('div', 'message ' + sender);
    item.appendChild(el('p', 'text', text));
    return item;
  }

  function renderMessage(message) {
    if (rendered.has(message.sequence)) {
      return;
    }
    var item = bubble(message.sender, message.text);
    item.dataset.sequence = String(message.sequence);
    // Keep the log in sequence order whatever order messages arrive in.
    var next = null;
    rendered.forEach(function (node, sequence) {
      if (sequence > message.sequence && (!next || sequence < Number(next.dataset.sequence))) {
        next = node;
      }
    });
    log.insertBefore(item, next);
    rendered.set(message.sequence, item);
    if (message.sender === 'bot') {
      renderActions(message.smartActions || []);
    }
    scrollToEnd();
  }

  function safeUrl(url) {
    try {
      var parsed = new URL(url);
      return ['https:', 'mailto:', 'tel:'].indexOf(parsed.protocol) >= 0 ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  function renderActions(list) {
    actions.replaceChildren();
    list.forEach(function (action) {
      if (action.kind === 'link') {
        var href = safeUrl(action.url);
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
    var pending = null;
    if (pendingText !== null) {
      pending = bubble('visitor pending', pendingText);
      log.appendChild(pending);
      scrollToEnd();
    }
    typing.hidden = false;
    var payload = { content: content, clientMessageId: newClientMessageId() };

    return postChat(payload, 0).then(function (result) {
      if (result.status === 401 && session) {
        // The server no longer knows this session (or its key changed): nothing was stored, start over.
        saveSession(null);
        showNotice(TEXT.newSession);
        payload.clientMessageId = newClientMessageId();
        return postChat(payload, 0);
      }
      return result;
    }).then(function (result) {
      if (pending) {
        pending.remove();
      }
      if (result.status === 200) {
        if (result.data.sessionToken) {
          saveSession({ sessionId: result.data.sessionId, sessionToken: result.data.sessionToken });
        }
        result.data.messages.forEach(renderMessage);
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
      typing.hidden = true;
    });
  }

  // Resolves true once the whole history is drawn (or there is none to draw), false when it could
  // not be fetched, so that opening the chat again tries again.
  function loadHistory(after) {
    if (!session) {
      return Promise.resolve(true);
    }
    var url = API + '/api/chat/' + encodeURIComponent(session.sessionId) + '/messages?after=' + after;
    return fetch(url, { headers: headers() }).then(function (response) {
      if (response.status === 401 || response.status === 404) {
        saveSession(null);
        return true;
      }
      if (!response.ok) {
        return false;
      }
      return response.json().then(function (page) {
        page.messages.forEach(renderMessage);
        return page.hasMore ? loadHistory(page.nextAfter) : true;
      });
    }, function () {
      return false;
    });
  }

  // ---- behaviour -----------------------------------------------------------------------------

  function open() {
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    launcher.hidden = true;
    input.focus();
    if (!historyLoaded) {
      historyLoaded = true;
      loadHistory(0).then(function (complete) {
        historyLoaded = complete;
      });
    }
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

  function mount() {
    document.body.appendChild(host);
    if (script.getAttribute('data-open') === 'true') {
      open();
    }
  }

  if (document.body) {
    mount();
  } else {
    document.addEventListener('DOMContentLoaded', mount);
  }

  window.LucineChat = { open: open, close: close };
})();
