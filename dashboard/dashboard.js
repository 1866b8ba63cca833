/*
 * Lucine operator console: login, queue, my chats, live chat with the visitor, internal notes;
 * tickets (list, detail, replies, notes, status, priority, assignment; opened from a chat too); the
 * outgoing messages sink of a server without provider credentials; and, for admins, the knowledge
 * base (edit, save as a new version, history, restore).
 *
 * REST under /api/operators and /api/operator (Bearer JWT kept in sessionStorage), realtime through
 * the SignalR hub at /api/hub (vendor/signalr.min.js, global `signalR`). While the hub is not
 * connected the console polls every 5 seconds instead, so it never depends on the hub to work.
 *
 * Security: everything that comes from the server or from a visitor is written with textContent
 * (or as an attribute value). No innerHTML, no insertAdjacentHTML, no inline handlers. Avatars are
 * only ever loaded from https URLs, through img.src.
 */
(function () {
  'use strict';

  var HEALTH_REFRESH_MS = 15000;
  var POLL_MS = 5000;
  var TYPING_REPEAT_MS = 3000;   // while the operator keeps typing, "typing" is re-sent at most this often
  var TYPING_IDLE_MS = 4000;     // no keystroke for this long: "stopped typing"
  var VISITOR_TYPING_MAX_MS = 10000; // hide "visitor is typing" if the stop never arrives
  var STORAGE_KEY = 'lucine.operator.v1';

  var TEXT = {
    roles: { operator: 'Operatore', supervisor: 'Supervisore', admin: 'Amministratore' },
    availability: { online: 'Online', away: 'Assente', offline: 'Offline' },
    status: {
      bot: 'Con l\'assistente',
      confirming_escalation: 'Conferma richiesta',
      queued: 'In coda',
      with_operator: 'Con operatore',
      waiting_client: 'Attesa visitatore',
      collecting_contact: 'Raccolta contatti',
      closing: 'Chiusura richiesta',
      ended: 'Chiusa'
    },
    outcome: {
      resolved: 'risolta',
      not_resolved: 'non risolta',
      abandoned: 'abbandonata',
      cancelled: 'annullata',
      converted_to_ticket: 'convertita in ticket'
    },
    priority: { normal: 'Normale', high: 'Alta' },
    sender: { visitor: 'Visitatore', bot: 'Assistente', operator: 'Operatore', system: 'Sistema' },
    alerts: { first_response_due: 'Primo riscontro in scadenza: rispondi al visitatore.' },
    realtime: {
      connected: 'Tempo reale: connesso',
      connecting: 'Tempo reale: connessione…',
      reconnecting: 'Tempo reale: riconnessione…',
      off: 'Aggiornamento ogni 5 s'
    },
    sessionExpired: 'La sessione è scaduta: accedi di nuovo.',
    noServer: 'Lucine non risponde: riprova tra poco.',
    internalNote: 'Nota interna',
    notForVisitor: 'non visibile al visitatore',
    ticketStatus: {
      open: 'Aperto',
      in_progress: 'In lavorazione',
      waiting_customer: 'In attesa del cliente',
      resolved: 'Risolto',
      closed: 'Chiuso'
    },
    ticketPriority: { low: 'Bassa', medium: 'Media', high: 'Alta', urgent: 'Urgente' },
    sla: { active: 'Nei tempi', warning: 'In scadenza', breached: 'Scaduto', met: 'Rispettato' },
    channel: { email: 'Email', whats_app: 'WhatsApp', sms: 'SMS' },
    source: { chat: 'Chat con l\'assistente', operator: 'Aperto da un operatore', api: 'Modulo web' },
    entryKind: {
      internal_note: 'Nota interna',
      public_note: 'Nota pubblica',
      reply: 'Risposta al cliente',
      customer_message: 'Messaggio del cliente',
      event: 'Evento'
    },
    ticketAlerts: {
      sla_warning: 'SLA in scadenza',
      sla_breached: 'SLA scaduto',
      customer_wrote: 'il cliente ha scritto',
      contact_undeliverable: 'il contatto non riceve i messaggi',
      ticket_assigned: 'assegnato a te'
    },
    notForCustomer: 'non visibile al cliente'
  };

  var ACTIVE = { with_operator: true, waiting_client: true, closing: true };
  var SENDERS = ['visitor', 'bot', 'operator', 'system'];
  var VIEWS = ['chats', 'tickets', 'sink', 'knowledge'];
  var TICKET_PAGE = 25;       // the server's default page size
  var TICKET_PAGE_MAX = 100;  // the most it gives in one page
  var SINK_PAGE = 50;
  var ENTRY_KINDS = ['internal_note', 'public_note', 'reply', 'customer_message', 'event'];


  // ---- elements ------------------------------------------------------------------------------

  function $(id) { return document.getElementById(id); }

  var ui = {
    status: $('status'), version: $('version'), storage: $('storage'), checked: $('checked'),
    me: $('me'), meAvatar: $('me-avatar'), meName: $('me-name'), meRole: $('me-role'), meLoad: $('me-load'),
    availability: $('availability'), realtime: $('realtime'), logout: $('logout'), toasts: $('toasts'),
    loginView: $('login-view'), loginForm: $('login-form'), loginUsername: $('login-username'),
    loginPassword: $('login-password'), loginError: $('login-error'), loginSubmit: $('login-submit'),
    console: $('console'),
    queue: $('queue'), queueCount: $('queue-count'), queueEmpty: $('queue-empty'),
    chats: $('chats'), chatsCount: $('chats-count'), chatsEmpty: $('chats-empty'),
    chat: $('chat'), chatPlaceholder: $('chat-placeholder'), chatBody: $('chat-body'),
    chatTitle: $('chat-title'), chatStatus: $('chat-status'), chatMeta: $('chat-meta'),
    actionTake: null,
    actionTransfer: $('action-transfer'), actionRelease: $('action-release'),
    actionCloseRequest: $('action-close-request'), actionClose: $('action-close'),
    transferForm: $('transfer-form'), transferOperator: $('transfer-operator'), transferUsername: $('transfer-username'),
    closeForm: $('close-form'), closeOutcome: $('close-outcome'),
    chatAlert: $('chat-alert'), chatError: $('chat-error'),
    messages: $('messages'), typing: $('typing'),
    composer: $('composer'), modeMessage: $('mode-message'), modeNote: $('mode-note'),
    composerLabel: $('composer-label'), composerText: $('composer-text'), composerHint: $('composer-hint'),
    composerSend: $('composer-send'),
    actionTicket: $('action-ticket'), ticketForm: $('ticket-form'), ticketFormName: $('ticket-form-name'),
    ticketFormContact: $('ticket-form-contact'), ticketFormChannel: $('ticket-form-channel'),
    ticketFormSubject: $('ticket-form-subject'), ticketFormPriority: $('ticket-form-priority'),
    ticketsAlerts: $('tickets-alerts'),
    ticketFilters: $('ticket-filters'), filterStatus: $('filter-status'), filterPriority: $('filter-priority'),
    filterSla: $('filter-sla'), filterMine: $('filter-mine'), filterQ: $('filter-q'),
    ticketsError: $('tickets-error'), tickets: $('tickets'), ticketsEmpty: $('tickets-empty'), ticketsMore: $('tickets-more'),
    ticket: $('ticket'), ticketPlaceholder: $('ticket-placeholder'), ticketBody: $('ticket-body'),
    ticketNumber: $('ticket-number'), ticketStatus: $('ticket-status'), ticketPriority: $('ticket-priority'), ticketSla: $('ticket-sla'),
    ticketAssign: $('ticket-assign'), ticketAlert: $('ticket-alert'), ticketError: $('ticket-error'),
    ticketSubject: $('ticket-subject'), ticketDescription: $('ticket-description'), ticketUndeliverable: $('ticket-undeliverable'),
    ticketFacts: $('ticket-facts'), ticketStatusForm: $('ticket-status-form'), ticketNextStatus: $('ticket-next-status'),
    ticketPriorityForm: $('ticket-priority-form'), ticketNewPriority: $('ticket-new-priority'), ticketClosedHint: $('ticket-closed-hint'),
    ticketEntries: $('ticket-entries'), ticketTranscriptBox: $('ticket-transcript-box'),
    ticketTranscriptTitle: $('ticket-transcript-title'), ticketTranscript: $('ticket-transcript'),
    ticketComposer: $('ticket-composer'), ticketModeReply: $('ticket-mode-reply'), ticketModeNote: $('ticket-mode-note'),
    ticketPublicOption: $('ticket-public-option'), ticketNotePublic: $('ticket-note-public'),
    ticketTextLabel: $('ticket-text-label'), ticketText: $('ticket-text'), ticketHint: $('ticket-hint'), ticketSend: $('ticket-send'),
    sinkFilters: $('sink-filters'), sinkTo: $('sink-to'), sinkError: $('sink-error'), sinkUnavailable: $('sink-unavailable'),
    sink: $('sink'), sinkEmpty: $('sink-empty'),
    tabKnowledge: $('tab-knowledge'), knowledgeCurrent: $('knowledge-current'), knowledgeForm: $('knowledge-form'),
    knowledgeText: $('knowledge-text'), knowledgeProblem: $('knowledge-problem'), knowledgeDetail: $('knowledge-detail'),
    knowledgeErrors: $('knowledge-errors'), knowledgeHint: $('knowledge-hint'), knowledgeReload: $('knowledge-reload'),
    knowledgeSave: $('knowledge-save'), knowledgeVersions: $('knowledge-versions')
  };

  // ---- state ---------------------------------------------------------------------------------

  var state = {
    token: null,
    operator: null,
    queue: [],
    queueFetchedAt: 0,
    chats: [],
    openId: null,
    open: null,              // the open chat's detail (without messages and notes)
    timeline: new Map(),     // key ("m:" + message id or "n:" + note id) -> element, for the open chat
    alerts: new Set(),       // session ids with a "first response due" alert
    unread: new Set(),       // session ids with messages the operator has not seen
    fresh: new Set(),        // session ids just assigned to this operator
    mode: 'message',
    pendingSend: null,       // { sessionId, text, clientMessageId }: a retry of the same text reuses the id
    busy: false,
    view: 'chats'            // the section on screen: one of VIEWS
  };

  var tickets = newTicketState();
  var sinkGeneration = 0;    // only the newest sink request is shown
  var knowledge = newKnowledgeState();

  function newKnowledgeState() {
    return {
      edited: null,          // the version the text in the editor was loaded from (sent as If-Match)
      dirty: false,          // the admin changed the text since it was loaded: a reload must not discard it
      generation: 0,         // only the newest load is shown
      busy: false
    };
  }

  function newTicketState() {
    return {
      loaded: false,         // the list was shown once: from then on it is kept up to date
      items: [],             // the list as shown (summaries), newest first
      next: null,            // the cursor of the next page, if any
      generation: 0,         // only the newest list request is shown
      openNumber: null,
      open: null,            // the open ticket's detail
      alerts: new Map(),     // ticket number -> the last alert about it the operator has not looked at
      mode: 'reply',         // 'reply' or 'note'
      busy: false
    };
  }

  var hub = null;
  var hubRetryTimer = null;
  var hubRetryDelay = 2000;
  var refreshing = null;
  var typing = { sessionId: null, active: false, sentAt: 0, timer: null };
  var visitorTypingTimer = null;

  // ---- small DOM helpers ---------------------------------------------------------------------

  /** Creates an element; `text` goes through textContent, `attrs` through setAttribute. */
  function el(tag, options, children) {
    var node = document.createElement(tag);
    options = options || {};
    if (options.className) { node.className = options.className; }
    if (options.text !== undefined && options.text !== null) { node.textContent = String(options.text); }
    if (options.attrs) {
      Object.keys(options.attrs).forEach(function (name) {
        if (options.attrs[name] !== undefined && options.attrs[name] !== null) {
          node.setAttribute(name, String(options.attrs[name]));
        }
      });
    }
    (children || []).forEach(function (child) {
      if (child) { node.appendChild(child); }
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

  function show(node, visible) { node.hidden = !visible; }

  function httpsUrl(value) {
    if (typeof value !== 'string' || !value) { return null; }
    try {
      var url = new URL(value);
      return url.protocol === 'https:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function initials(name) {
    var parts = String(name || '?').trim().split(/\s+/).filter(Boolean);
    var letters = parts.slice(0, 2).map(function (p) { return p.charAt(0).toUpperCase(); }).join('');
    return letters || '?';
  }

  /** An https avatar as an image, anything else (or an image that fails) as initials. */
  function renderAvatar(container, person) {
    clear(container);
    var name = person && (person.displayName || person.username);
    var src = person && httpsUrl(person.avatar);
    if (src) {
      var img = el('img', { attrs: { alt: '', width: 28, height: 28, referrerpolicy: 'no-referrer' } });
      img.addEventListener('error', function () {
        clear(container);
        container.textContent = initials(name);
      });
      img.src = src;
      container.appendChild(img);
    } else {
      container.textContent = initials(name);
    }
  }

  function time(value) {
    var date = new Date(value);
    if (isNaN(date.getTime())) { return ''; }
    return date.toLocaleTimeString('it-IT', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Rome' });
  }

  function dateTime(value) {
    var date = new Date(value);
    if (isNaN(date.getTime())) { return ''; }
    return date.toLocaleString('it-IT', { timeZone: 'Europe/Rome' });
  }

  /** Day and time to the minute, in the park's time zone: for due times and ticket dates. */
  function moment(value) {
    var date = new Date(value);
    if (isNaN(date.getTime())) { return ''; }
    return date.toLocaleString('it-IT', {
      day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Rome'
    });
  }

  function duration(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    var mm = h > 0 && m < 10 ? '0' + m : String(m);
    var ss = s < 10 ? '0' + s : String(s);
    return (h > 0 ? h + ':' : '') + mm + ':' + ss;
  }

  function shortId(sessionId) {
    return String(sessionId || '').slice(0, 8);
  }

  function label(table, value) {
    return Object.prototype.hasOwnProperty.call(table, value) ? table[value] : String(value || '');
  }

  function newClientMessageId() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') {
      return window.crypto.randomUUID();
    }
    // Fallback for non-secure contexts: 128 random bits from getRandomValues.
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
  }

  // ---- toasts --------------------------------------------------------------------------------

  function toast(text, kind) {
    var close = el('button', { className: 'toast-close', text: '×', attrs: { type: 'button', 'aria-label': 'Chiudi avviso' } });
    var node = el('div', { className: 'toast ' + (kind || 'info') }, [el('span', { text: text }), close]);
    var remove = function () { if (node.parentNode) { node.parentNode.removeChild(node); } };
    close.addEventListener('click', remove);
    ui.toasts.appendChild(node);
    setTimeout(remove, kind === 'error' || kind === 'alert' ? 10000 : 6000);
  }

  // ---- HTTP ----------------------------------------------------------------------------------

  function ApiError(status, problem, retryAfter) {
    this.status = status;
    this.problem = problem || {};
    this.retryAfter = retryAfter;
    this.message = describeProblem(status, this.problem);
  }

  function describeProblem(status, problem) {
    if (problem && (problem.detail || problem.title)) {
      return String(problem.detail || problem.title);
    }
    if (status === 0) { return TEXT.noServer; }
    return 'Errore ' + status + '.';
  }

  /**
   * Calls the API. Resolves with the parsed body (null for 204), rejects with an ApiError. A 401 on
   * an authenticated call means the token is no longer valid: the console goes back to the login.
   */
  function api(method, path, body, options) {
    options = options || {};
    var headers = { Accept: 'application/json' };
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    Object.keys(options.headers || {}).forEach(function (name) { headers[name] = options.headers[name]; });
    var token = state.token;
    if (!options.anonymous) {
      if (!token) { return Promise.reject(new ApiError(401, { detail: TEXT.sessionExpired })); }
      headers.Authorization = 'Bearer ' + token;
    }
    return fetch(path, {
      method: method,
      headers: headers,
      // `text`: a JSON document sent exactly as written, so the server's errors point into it.
      body: body === undefined ? undefined : (options.text ? body : JSON.stringify(body)),
      cache: 'no-store'
    }).then(function (response) {
      var type = response.headers.get('Content-Type') || '';
      var parse = response.status === 204 || type.indexOf('json') < 0
        ? Promise.resolve(null)
        : response.json().catch(function () { return null; });
      return parse.then(function (data) {
        if (response.ok) { return data; }
        var error = new ApiError(response.status, data, response.headers.get('Retry-After'));
        if (response.status === 401 && !options.anonymous && token && token === state.token) {
          endSession(TEXT.sessionExpired);
        }
        throw error;
      });
    }, function () {
      throw new ApiError(0, null);
    });
  }

  function reportError(error, where) {
    if (!(error instanceof ApiError)) {
      if (window.console) { window.console.error(error); }
      return;
    }
    if (error.status === 401) { return; } // already back at the login
    if (where) {
      where.textContent = error.message;
      show(where, true);
    } else {
      toast(error.message, 'error');
    }
  }

  // ---- system status (always visible, also before login) ---------------------------------------

  function showHealth(stateName, text) {
    ui.status.dataset.state = stateName;
    ui.status.textContent = text;
  }

  function refreshHealth() {
    fetch('/api/health', { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(function (response) { return response.json(); })
      .then(function (health) {
        var healthy = health.status === 'healthy';
        showHealth(healthy ? 'healthy' : 'unhealthy', healthy ? 'Tutto funziona' : 'Servizio degradato');
        ui.version.textContent = health.version;
        var check = health.checks && health.checks.storage;
        ui.storage.textContent = check ? (check.healthy ? 'raggiungibile' : 'non raggiungibile') + ' (' + check.durationMs + ' ms)' : '–';
        ui.checked.textContent = dateTime(health.timestamp);
      })
      .catch(function () {
        showHealth('unhealthy', 'Lucine non risponde');
      });
  }

  // ---- login / logout ------------------------------------------------------------------------

  function saveSession() {
    try {
      if (state.token) {
        sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ token: state.token, expiresAt: state.expiresAt, operator: state.operator }));
      } else {
        sessionStorage.removeItem(STORAGE_KEY);
      }
    } catch (e) { /* storage unavailable: the session lasts as long as the page */ }
  }

  function loadSavedSession() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
      if (!saved || typeof saved.token !== 'string' || !saved.token) { return null; }
      if (saved.expiresAt && new Date(saved.expiresAt).getTime() <= Date.now()) {
        sessionStorage.removeItem(STORAGE_KEY);
        return null;
      }
      return saved;
    } catch (e) {
      return null;
    }
  }

  function showLogin(message) {
    show(ui.console, false);
    show(ui.me, false);
    show(ui.loginView, true);
    if (message) {
      ui.loginError.textContent = message;
      show(ui.loginError, true);
    } else {
      show(ui.loginError, false);
    }
    ui.loginSubmit.disabled = false;
    ui.loginPassword.value = '';
    (ui.loginUsername.value ? ui.loginPassword : ui.loginUsername).focus();
  }

  function onLogin(event) {
    event.preventDefault();
    var username = ui.loginUsername.value.trim();
    var password = ui.loginPassword.value;
    if (!username || !password) {
      ui.loginError.textContent = 'Inserisci nome utente e password.';
      show(ui.loginError, true);
      return;
    }
    ui.loginSubmit.disabled = true;
    show(ui.loginError, false);
    api('POST', '/api/operators/login', { username: username, password: password }, { anonymous: true })
      .then(function (data) {
        startSession(data.token, data.expiresAt, data.operator);
      })
      .catch(function (error) {
        var text = error instanceof ApiError ? error.message : TEXT.noServer;
        if (error instanceof ApiError && error.status === 429 && error.retryAfter) {
          var seconds = parseInt(error.retryAfter, 10);
          if (!isNaN(seconds)) {
            text += ' Riprova tra ' + (seconds >= 120 ? Math.ceil(seconds / 60) + ' minuti' : seconds + ' secondi') + '.';
          }
        }
        ui.loginError.textContent = text;
        show(ui.loginError, true);
        ui.loginSubmit.disabled = false;
        ui.loginPassword.select();
      });
  }

  function startSession(token, expiresAt, operator) {
    state.token = token;
    state.expiresAt = expiresAt || null;
    state.operator = operator || null;
    saveSession();
    show(ui.loginView, false);
    show(ui.console, true);
    show(ui.me, true);
    ui.loginPassword.value = '';
    renderMe();
    connectHub();
    refreshAll();
  }

  /** Forgets the token and everything shown, and goes back to the login. */
  function endSession(message) {
    state.token = null;
    state.operator = null;
    saveSession();
    stopHub();
    stopTyping();
    state.queue = [];
    state.chats = [];
    state.alerts.clear();
    state.unread.clear();
    state.fresh.clear();
    state.pendingSend = null;
    closeChat();
    clear(ui.queue);
    clear(ui.chats);
    resetTickets();
    clear(ui.sink);
    resetKnowledge();
    setView('chats');
    showLogin(message);
  }

  function onLogout() {
    var token = state.token;
    if (!token) { return endSession(); }
    ui.logout.disabled = true;
    fetch('/api/operators/logout', { method: 'POST', headers: { Authorization: 'Bearer ' + token }, cache: 'no-store' })
      .catch(function () { /* the token is forgotten here anyway */ })
      .then(function () {
        ui.logout.disabled = false;
        endSession();
      });
  }

  // ---- the operator (header) ------------------------------------------------------------------

  function renderMe() {
    var me = state.operator;
    if (!me) { return; }
    ui.meName.textContent = me.displayName || me.username;
    ui.meName.title = me.username;
    ui.meRole.textContent = label(TEXT.roles, me.role);
    renderAvatar(ui.meAvatar, me);
    ui.availability.value = me.availability;
    ui.availability.dataset.availability = me.availability;
    ui.availability.dataset.value = me.availability;
    ui.meLoad.textContent = 'Chat ' + (me.activeChats || 0) + ' / ' + (me.capacity || 0);
    ui.meLoad.dataset.full = (me.activeChats || 0) >= (me.capacity || 0) ? 'true' : 'false';
    show(ui.tabKnowledge, isAdmin());
    if (state.view === 'knowledge' && !isAdmin()) { setView('chats'); }
  }

  function loadMe() {
    return api('GET', '/api/operators/me').then(function (me) {
      state.operator = me;
      saveSession();
      renderMe();
      renderChatHead();
    });
  }

  function onAvailability() {
    var wanted = ui.availability.value;
    ui.availability.disabled = true;
    api('PUT', '/api/operators/me/availability', { availability: wanted })
      .then(function (me) {
        state.operator = me;
        saveSession();
        renderMe();
        toast('Disponibilità: ' + label(TEXT.availability, me.availability), 'info');
        return Promise.all([loadQueue(), loadChats()]);
      })
      .catch(function (error) {
        if (state.operator) { ui.availability.value = state.operator.availability; }
        reportError(error);
      })
      .then(function () { ui.availability.disabled = false; });
  }

  function isAdmin() {
    return !!state.operator && state.operator.role === 'admin';
  }

  function isSupervisor() {
    return !!state.operator && (state.operator.role === 'supervisor' || state.operator.role === 'admin');
  }

  // ---- refresh -------------------------------------------------------------------------------

  /** Reloads everything the console shows; concurrent calls share one run. */
  function refreshAll() {
    if (!state.token) { return Promise.resolve(); }
    if (refreshing) { return refreshing; }
    var jobs = [loadMe(), loadQueue(), loadChats()];
    if (state.openId) { jobs.push(loadOpenChat()); }
    if (tickets.loaded) { jobs.push(loadTickets('refresh')); }
    if (tickets.openNumber) { jobs.push(loadTicket()); }
    if (state.view === 'sink') { jobs.push(loadSink()); }
    refreshing = Promise.all(jobs.map(function (job) { return job.catch(function (e) { return e; }); }))
      .then(function (results) {
        refreshing = null;
        var failed = results.filter(function (r) { return r instanceof ApiError && r.status === 0; });
        if (failed.length) { showHealth('unhealthy', 'Lucine non risponde'); }
      });
    return refreshing;
  }

  var polls = 0;
  function poll() {
    if (!state.token) { return; }
    polls++;
    if (!hubConnected()) {
      refreshAll();
    } else if (polls % 12 === 0) {
      // Once a minute even with the hub: notices a token revoked elsewhere (logout on another tab).
      loadMe().catch(reportError);
    }
  }

  // ---- queue ---------------------------------------------------------------------------------

  function loadQueue() {
    return api('GET', '/api/operator/queue').then(function (data) {
      state.queue = (data && data.items) || [];
      state.queueFetchedAt = Date.now();
      renderQueue();
    });
  }

  var queueReloadTimer = null;
  function loadQueueSoon() {
    clearTimeout(queueReloadTimer);
    queueReloadTimer = setTimeout(function () { loadQueue().catch(reportError); }, 150);
  }

  /** Keeps one element per key, in the order of `items`, so that lists do not flicker. */
  function reconcile(list, items, key, create, update) {
    var existing = new Map();
    Array.prototype.forEach.call(list.children, function (child) { existing.set(child.dataset.key, child); });
    var previous = null;
    items.forEach(function (item) {
      var k = key(item);
      var node = existing.get(k);
      if (node) {
        existing.delete(k);
      } else {
        node = create(item);
        node.dataset.key = k;
      }
      update(node, item);
      var expected = previous ? previous.nextSibling : list.firstChild;
      if (node !== expected) { list.insertBefore(node, expected); }
      previous = node;
    });
    existing.forEach(function (node) { list.removeChild(node); });
  }

  function renderQueue() {
    var items = state.queue.slice().sort(function (a, b) { return (a.position || 0) - (b.position || 0); });
    ui.queueCount.textContent = String(items.length);
    show(ui.queueEmpty, items.length === 0);
    reconcile(ui.queue, items, function (item) { return item.sessionId; }, createQueueItem, updateQueueItem);
    tick();
  }

  function createQueueItem(item) {
    var li = el('li', { className: 'item queue-item', attrs: { 'data-session-id': item.sessionId } });
    var open = el('button', { className: 'item-open', attrs: { type: 'button' } }, [
      el('span', { className: 'item-line' }, [
        el('span', { className: 'position' }),
        el('span', { className: 'badge priority' }),
        el('span', { className: 'lang' }),
        el('span', { className: 'wait', attrs: { title: 'Tempo di attesa' } })
      ]),
      el('span', { className: 'preview' })
    ]);
    open.addEventListener('click', function () { openChat(li.dataset.sessionId); });
    var take = el('button', { className: 'take', text: 'Prendi', attrs: { type: 'button' } });
    take.addEventListener('click', function () { takeChat(li.dataset.sessionId, take); });
    li.appendChild(open);
    li.appendChild(take);
    return li;
  }

  function updateQueueItem(li, item) {
    li.dataset.sessionId = item.sessionId;
    li.dataset.waitBase = String(item.waitingSeconds || 0);
    li.classList.toggle('is-open', item.sessionId === state.openId);
    li.classList.toggle('high', item.priority === 'high');
    li.querySelector('.position').textContent = '#' + item.position;
    var priority = li.querySelector('.priority');
    priority.textContent = label(TEXT.priority, item.priority);
    priority.dataset.priority = item.priority || 'normal';
    li.querySelector('.lang').textContent = item.language ? String(item.language).toUpperCase() : '';
    var preview = li.querySelector('.preview');
    preview.textContent = item.preview || '—';
    preview.title = item.preview || '';
    li.querySelector('.item-open').setAttribute('aria-label', 'Anteprima della chat in coda ' + item.position);
  }

  /** Waiting times tick locally every second, from the server's figure at the last load. */
  function tick() {
    var elapsed = state.queueFetchedAt ? (Date.now() - state.queueFetchedAt) / 1000 : 0;
    Array.prototype.forEach.call(ui.queue.children, function (li) {
      var wait = li.querySelector('.wait');
      if (wait) { wait.textContent = duration(Number(li.dataset.waitBase || 0) + elapsed); }
    });
  }

  function takeChat(sessionId, button) {
    if (button) { button.disabled = true; }
    api('POST', '/api/operator/chats/' + encodeURIComponent(sessionId) + '/take')
      .then(function (summary) {
        toast('Chat presa in carico.', 'info');
        state.fresh.delete(sessionId);
        return Promise.all([loadQueue(), loadChats(), loadMe()]).then(function () {
          return openChat(sessionId, summary);
        });
      })
      .catch(function (error) {
        if (error instanceof ApiError && error.status === 409) {
          toast(error.message, 'error');
          loadQueue().catch(reportError);
          if (state.openId === sessionId) { loadOpenChat().catch(reportError); }
        } else {
          reportError(error);
        }
      })
      .then(function () { if (button) { button.disabled = false; } });
  }

  // ---- my chats ------------------------------------------------------------------------------

  function loadChats() {
    return api('GET', '/api/operator/chats').then(function (data) {
      state.chats = (data && data.items) || [];
      var mine = new Set(state.chats.map(function (c) { return c.sessionId; }));
      state.alerts.forEach(function (id) { if (!mine.has(id)) { state.alerts.delete(id); } });
      renderChats();
      renderAlert();
    });
  }

  function renderChats() {
    var items = state.chats;
    ui.chatsCount.textContent = String(items.length);
    show(ui.chatsEmpty, items.length === 0);
    reconcile(ui.chats, items, function (item) { return item.sessionId; }, createChatItem, updateChatItem);
  }

  function createChatItem(item) {
    var li = el('li', { className: 'item chat-item', attrs: { 'data-session-id': item.sessionId } });
    var open = el('button', { className: 'item-open', attrs: { type: 'button' } }, [
      el('span', { className: 'item-line' }, [
        el('span', { className: 'who' }),
        el('span', { className: 'badge chat-state' }),
        el('span', { className: 'lang' }),
        el('span', { className: 'badge alert-badge', text: 'Primo riscontro!' }),
        el('span', { className: 'unread-dot', attrs: { title: 'Nuovi messaggi' } })
      ]),
      el('span', { className: 'preview' })
    ]);
    open.addEventListener('click', function () { openChat(li.dataset.sessionId); });
    li.appendChild(open);
    return li;
  }

  function updateChatItem(li, item) {
    var id = item.sessionId;
    li.dataset.sessionId = id;
    li.classList.toggle('is-open', id === state.openId);
    li.classList.toggle('is-new', state.fresh.has(id));
    li.classList.toggle('has-alert', state.alerts.has(id));
    li.classList.toggle('unread', state.unread.has(id));
    li.querySelector('.who').textContent = 'Visitatore ' + shortId(id);
    var status = li.querySelector('.chat-state');
    status.textContent = label(TEXT.status, item.status);
    status.dataset.status = item.status || '';
    li.querySelector('.lang').textContent = item.language ? String(item.language).toUpperCase() : '';
    var last = item.lastMessage;
    var preview = li.querySelector('.preview');
    preview.textContent = last ? senderName(last) + ': ' + last.text : '—';
    preview.title = last ? last.text : '';
    li.querySelector('.item-open').setAttribute('aria-label', 'Apri la chat ' + shortId(id));
  }

  function chatItem(sessionId) {
    for (var i = 0; i < state.chats.length; i++) {
      if (state.chats[i].sessionId === sessionId) { return state.chats[i]; }
    }
    return null;
  }

  // ---- the open chat -------------------------------------------------------------------------

  function openChat(sessionId, summary) {
    if (!sessionId) { return Promise.resolve(); }
    if (state.openId !== sessionId) {
      stopTyping();
      state.openId = sessionId;
      state.mode = 'message';
      state.open = summary ? { sessionId: sessionId, status: summary.status, outcome: summary.outcome, operator: summary.operator } : null;
      state.timeline.clear();
      clear(ui.messages);
      show(ui.typing, false);
      show(ui.transferForm, false);
      show(ui.closeForm, false);
      show(ui.ticketForm, false);
      show(ui.chatError, false);
      show(ui.chatPlaceholder, false);
      show(ui.chatBody, true);
      ui.chat.dataset.sessionId = sessionId;
      renderChatHead();
    }
    state.unread.delete(sessionId);
    state.fresh.delete(sessionId);
    renderChats();
    renderQueue();
    return loadOpenChat().then(function () {
      if (!ui.composerText.disabled) { ui.composerText.focus(); }
    }, function (error) { reportError(error, ui.chatError); });
  }

  function closeChat() {
    state.openId = null;
    state.open = null;
    state.timeline.clear();
    clear(ui.messages);
    delete ui.chat.dataset.sessionId;
    show(ui.chatBody, false);
    show(ui.chatPlaceholder, true);
  }

  function loadOpenChat() {
    var id = state.openId;
    if (!id) { return Promise.resolve(); }
    return api('GET', '/api/operator/chats/' + encodeURIComponent(id)).then(function (detail) {
      if (state.openId !== id || !detail) { return; }
      state.open = {
        sessionId: detail.sessionId,
        status: detail.status,
        outcome: detail.outcome,
        operator: detail.operator,
        language: detail.language,
        startedAt: detail.startedAt,
        queue: detail.queue
      };
      (detail.messages || []).forEach(addMessage);
      (detail.notes || []).forEach(addNote);
      show(ui.chatError, false);
      renderChatHead();
    });
  }

  function applySummary(summary) {
    if (!summary || !state.open || summary.sessionId !== state.openId) { return; }
    state.open.status = summary.status;
    state.open.outcome = summary.outcome;
    state.open.operator = summary.operator;
    renderChatHead();
  }

  function isMine(chat) {
    return !!(chat && chat.operator && state.operator && chat.operator.username === state.operator.username);
  }

  function renderChatHead() {
    var chat = state.open;
    if (!state.openId) { return; }
    ui.chatTitle.textContent = 'Visitatore ' + shortId(state.openId);
    ui.chatTitle.title = state.openId;
    var status = chat ? chat.status : '';
    ui.chatStatus.textContent = chat ? label(TEXT.status, status) + (chat.outcome ? ' · ' + label(TEXT.outcome, chat.outcome) : '') : '…';
    ui.chatStatus.dataset.status = status || '';
    ui.chat.dataset.status = status || '';

    var meta = [];
    if (chat && chat.language) { meta.push(String(chat.language).toUpperCase()); }
    if (chat && chat.startedAt) { meta.push('iniziata alle ' + time(chat.startedAt)); }
    if (chat && chat.operator && !isMine(chat)) { meta.push('con ' + (chat.operator.displayName || chat.operator.username)); }
    if (chat && chat.queue) {
      meta.push('posizione in coda ' + chat.queue.position + (chat.queue.estimatedWaitMinutes != null ? ', attesa stimata ' + chat.queue.estimatedWaitMinutes + ' min' : ''));
    }
    ui.chatMeta.textContent = meta.join(' · ');

    var mine = isMine(chat);
    var canAct = !!chat && (mine || isSupervisor());
    var active = !!chat && ACTIVE[status] === true;
    show(ui.actionTake, !!chat && status === 'queued');
    show(ui.actionTransfer, canAct && active);
    show(ui.actionRelease, canAct && active);
    show(ui.actionCloseRequest, canAct && (status === 'with_operator' || status === 'waiting_client'));
    show(ui.actionClose, canAct && status !== 'ended');
    show(ui.actionTicket, !!chat);
    if (!chat) { show(ui.ticketForm, false); }
    if (!(canAct && active)) { show(ui.transferForm, false); }
    if (!(canAct && status !== 'ended')) { show(ui.closeForm, false); }

    renderComposer();
    renderAlert();
  }

  function renderAlert() {
    var on = !!state.openId && state.alerts.has(state.openId);
    ui.chatAlert.textContent = on ? TEXT.alerts.first_response_due : '';
    show(ui.chatAlert, on);
    Array.prototype.forEach.call(ui.chats.children, function (li) {
      li.classList.toggle('has-alert', state.alerts.has(li.dataset.sessionId));
    });
  }

  function canMessage() {
    var chat = state.open;
    return !!chat && ACTIVE[chat.status] === true && (isMine(chat) || isSupervisor());
  }

  function renderComposer() {
    var note = state.mode === 'note';
    ui.composer.dataset.mode = state.mode;
    ui.modeMessage.setAttribute('aria-pressed', note ? 'false' : 'true');
    ui.modeNote.setAttribute('aria-pressed', note ? 'true' : 'false');
    ui.composerLabel.textContent = note ? 'Nota interna' : 'Risposta al visitatore';
    ui.composerText.placeholder = note
      ? 'Nota per i colleghi: il visitatore non la vede.'
      : 'Scrivi una risposta… (Invio per inviare, Maiusc+Invio per andare a capo)';
    ui.composerSend.textContent = note ? 'Salva nota' : 'Invia';
    var enabled = note ? !!state.open : canMessage();
    ui.composerText.disabled = !enabled || state.busy;
    ui.composerSend.disabled = !enabled || state.busy;
    var hint = '';
    if (!enabled && state.open) {
      var status = state.open.status;
      if (status === 'queued') { hint = 'Chat in coda: prendila per rispondere.'; }
      else if (status === 'ended') { hint = 'Chat chiusa.'; }
      else if (ACTIVE[status] && !isMine(state.open)) { hint = 'Questa chat è di un altro operatore.'; }
      else { hint = 'Il visitatore sta parlando con l\'assistente.'; }
    } else if (note) {
      hint = 'Le note interne non sono mai visibili al visitatore.';
    }
    ui.composerHint.textContent = hint;
  }

  function setMode(mode) {
    if (state.mode === mode) { return; }
    if (mode === 'note') { stopTyping(); }
    state.mode = mode;
    renderComposer();
    ui.composerText.focus();
  }

  // ---- timeline (messages and internal notes) ------------------------------------------------

  function senderName(message) {
    if (message.sender === 'operator') {
      return message.author || TEXT.sender.operator;
    }
    return label(TEXT.sender, message.sender);
  }

  function sortKey(createdAt, sequence) {
    var t = new Date(createdAt).getTime();
    return { t: isNaN(t) ? Number.MAX_SAFE_INTEGER : t, s: sequence == null ? Number.MAX_SAFE_INTEGER : Number(sequence) };
  }

  function before(a, b) {
    return a.t < b.t || (a.t === b.t && a.s < b.s);
  }

  function insertIntoTimeline(key, node, order) {
    if (state.timeline.has(key)) { return false; }
    node.dataset.t = String(order.t);
    node.dataset.s = String(order.s);
    var stick = ui.messages.scrollHeight - ui.messages.scrollTop - ui.messages.clientHeight < 60;
    var next = null;
    for (var child = ui.messages.lastElementChild; child; child = child.previousElementSibling) {
      var childOrder = { t: Number(child.dataset.t), s: Number(child.dataset.s) };
      if (!before(order, childOrder)) { break; }
      next = child;
    }
    ui.messages.insertBefore(node, next);
    state.timeline.set(key, node);
    if (stick || !next) { ui.messages.scrollTop = ui.messages.scrollHeight; }
    return true;
  }

  function addMessage(message) {
    if (!message || message.id == null) { return; }
    insertIntoTimeline('m:' + message.id, messageNode(message), sortKey(message.createdAt, message.sequence));
  }

  /** A chat message as the console shows it: in the open chat, and in a ticket's transcript. */
  function messageNode(message) {
    var sender = SENDERS.indexOf(message.sender) >= 0 ? message.sender : 'system';
    var mine = sender === 'operator' && state.operator && message.author === state.operator.displayName;
    var li = el('li', { className: 'msg ' + sender + (mine ? ' own' : ''), attrs: { 'data-id': message.id, 'data-sender': sender } });
    li.appendChild(el('div', { className: 'meta' }, [
      el('span', { className: 'author', text: senderName(message) }),
      el('time', { text: time(message.createdAt), attrs: { datetime: message.createdAt, title: dateTime(message.createdAt) } })
    ]));
    li.appendChild(el('div', { className: 'text', text: message.text || '' }));
    var actions = message.smartActions || [];
    if (actions.length) {
      var offered = el('ul', { className: 'offered', attrs: { 'aria-label': 'Pulsanti mostrati al visitatore' } });
      actions.forEach(function (action) {
        var chip = el('li', { className: 'chip ' + (action.kind === 'link' ? 'link' : 'command'), text: action.label || action.action });
        if (action.url) { chip.title = action.url; }
        offered.appendChild(chip);
      });
      li.appendChild(offered);
    }
    return li;
  }

  function addNote(note) {
    if (!note || note.id == null) { return; }
    var li = el('li', { className: 'msg note', attrs: { 'data-id': note.id, 'data-sender': 'note' } });
    li.appendChild(el('div', { className: 'meta' }, [
      el('span', { className: 'note-label', text: TEXT.internalNote }),
      el('span', { className: 'author', text: note.author || '' }),
      el('span', { className: 'note-hint', text: TEXT.notForVisitor }),
      el('time', { text: time(note.createdAt), attrs: { datetime: note.createdAt, title: dateTime(note.createdAt) } })
    ]));
    li.appendChild(el('div', { className: 'text', text: note.text || '' }));
    insertIntoTimeline('n:' + note.id, li, sortKey(note.createdAt, null));
  }

  // ---- composer ------------------------------------------------------------------------------

  function onComposerSubmit(event) {
    event.preventDefault();
    var sessionId = state.openId;
    var text = ui.composerText.value;
    if (!sessionId || !text.trim() || state.busy) { return; }
    var note = state.mode === 'note';
    var request;
    if (note) {
      request = api('POST', '/api/operator/chats/' + encodeURIComponent(sessionId) + '/notes', { text: text })
        .then(function (created) {
          if (state.openId === sessionId) { addNote(created); }
        });
    } else {
      var pending = state.pendingSend;
      if (!pending || pending.sessionId !== sessionId || pending.text !== text) {
        pending = state.pendingSend = { sessionId: sessionId, text: text, clientMessageId: newClientMessageId() };
      }
      stopTyping();
      request = api('POST', '/api/operator/chats/' + encodeURIComponent(sessionId) + '/messages',
        { text: text, clientMessageId: pending.clientMessageId })
        .then(function (data) {
          state.pendingSend = null;
          state.alerts.delete(sessionId);
          renderAlert();
          if (data && data.message && state.openId === sessionId) { addMessage(data.message); }
          var item = chatItem(sessionId);
          if (item && data && data.message) { item.lastMessage = data.message; renderChats(); }
        });
    }
    state.busy = true;
    renderComposer();
    show(ui.chatError, false);
    request
      .then(function () {
        if (state.openId === sessionId && ui.composerText.value === text) { ui.composerText.value = ''; }
      })
      .catch(function (error) {
        reportError(error, ui.chatError);
        if (error instanceof ApiError && error.status === 409) { loadOpenChat().catch(function () {}); }
      })
      .then(function () {
        state.busy = false;
        renderComposer();
        if (!ui.composerText.disabled) { ui.composerText.focus(); }
      });
  }

  function onComposerKey(event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (typeof ui.composer.requestSubmit === 'function') {
        ui.composer.requestSubmit();
      } else {
        ui.composerSend.click();
      }
    }
  }

  // ---- typing, both ways ---------------------------------------------------------------------

  function sendTyping(sessionId, isTyping) {
    if (!hubConnected()) { return; }
    hub.invoke('OperatorTyping', sessionId, isTyping).catch(function () { /* best effort */ });
  }

  function onComposerInput() {
    if (state.mode !== 'message' || !state.openId || !canMessage()) { return; }
    var now = Date.now();
    if (typing.sessionId !== state.openId) { stopTyping(); }
    if (!typing.active || now - typing.sentAt >= TYPING_REPEAT_MS) {
      typing.sessionId = state.openId;
      typing.active = true;
      typing.sentAt = now;
      sendTyping(typing.sessionId, true);
    }
    clearTimeout(typing.timer);
    typing.timer = setTimeout(stopTyping, TYPING_IDLE_MS);
  }

  function stopTyping() {
    clearTimeout(typing.timer);
    if (typing.active && typing.sessionId) { sendTyping(typing.sessionId, false); }
    typing.active = false;
    typing.sessionId = null;
  }

  function showVisitorTyping(on) {
    clearTimeout(visitorTypingTimer);
    show(ui.typing, on);
    if (on) { visitorTypingTimer = setTimeout(function () { show(ui.typing, false); }, VISITOR_TYPING_MAX_MS); }
  }

  // ---- chat actions --------------------------------------------------------------------------

  function chatAction(path, body, done) {
    var sessionId = state.openId;
    if (!sessionId) { return Promise.resolve(); }
    show(ui.chatError, false);
    var buttons = ui.chatBody.querySelectorAll('.chat-actions button, .drawer button[type="submit"]');
    Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
    return api('POST', '/api/operator/chats/' + encodeURIComponent(sessionId) + '/' + path, body)
      .then(function (summary) {
        applySummary(summary);
        if (done) { done(summary); }
        return Promise.all([loadQueue(), loadChats(), loadMe(), loadOpenChat()]);
      })
      .catch(function (error) { reportError(error, ui.chatError); })
      .then(function () {
        Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
      });
  }

  function openTransfer() {
    show(ui.closeForm, false);
    show(ui.ticketForm, false);
    if (!ui.transferForm.hidden) { show(ui.transferForm, false); return; }
    var useList = isSupervisor();
    show(ui.transferOperator, false);
    show(ui.transferUsername, !useList);
    show(ui.transferForm, true);
    if (!useList) {
      ui.transferForm.querySelector('label').htmlFor = 'transfer-username';
      ui.transferUsername.value = '';
      ui.transferUsername.focus();
      return;
    }
    api('GET', '/api/operators').then(function (data) {
      var me = state.operator && state.operator.username;
      var others = ((data && data.items) || []).filter(function (o) { return o.username !== me; });
      clear(ui.transferOperator);
      if (!others.length) {
        ui.transferOperator.appendChild(el('option', { text: 'Nessun altro operatore', attrs: { value: '' } }));
      }
      others.forEach(function (o) {
        ui.transferOperator.appendChild(el('option', {
          text: (o.displayName || o.username) + ' (' + o.username + ') · ' + label(TEXT.availability, o.availability) +
            ' · ' + (o.activeChats || 0) + '/' + (o.capacity || 0),
          attrs: { value: o.username }
        }));
      });
      ui.transferForm.querySelector('label').htmlFor = 'transfer-operator';
      show(ui.transferOperator, true);
      ui.transferOperator.focus();
    }, function (error) {
      if (error instanceof ApiError && error.status === 401) { return; }
      // Not allowed to list operators after all: ask for the username.
      ui.transferForm.querySelector('label').htmlFor = 'transfer-username';
      show(ui.transferUsername, true);
      ui.transferUsername.focus();
    });
  }

  function onTransfer(event) {
    event.preventDefault();
    var to = (ui.transferOperator.hidden ? ui.transferUsername.value : ui.transferOperator.value).trim();
    if (!to) {
      ui.chatError.textContent = 'Indica a quale operatore trasferire la chat.';
      show(ui.chatError, true);
      return;
    }
    chatAction('transfer', { to: to }, function () {
      show(ui.transferForm, false);
      toast('Chat trasferita a ' + to + '.', 'info');
    });
  }

  function onRelease() {
    chatAction('release', undefined, function () { toast('Chat rimessa in coda.', 'info'); });
  }

  function onCloseRequest() {
    chatAction('close-request', undefined, function () { toast('Chiesto al visitatore se possiamo chiudere.', 'info'); });
  }

  function openClose() {
    show(ui.transferForm, false);
    show(ui.ticketForm, false);
    show(ui.closeForm, ui.closeForm.hidden);
    if (!ui.closeForm.hidden) { ui.closeOutcome.focus(); }
  }

  function onClose(event) {
    event.preventDefault();
    var outcome = ui.closeOutcome.value;
    chatAction('close', { outcome: outcome }, function () {
      show(ui.closeForm, false);
      toast('Chat chiusa: ' + label(TEXT.outcome, outcome) + '.', 'info');
    });
  }

  // ---- views ---------------------------------------------------------------------------------

  /** Shows one section (chats, tickets, sink, knowledge); all but the chats are loaded when shown. */
  function setView(view, focus) {
    state.view = view;
    VIEWS.forEach(function (name) {
      var tab = $('tab-' + name);
      var selected = name === view;
      tab.setAttribute('aria-selected', selected ? 'true' : 'false');
      tab.tabIndex = selected ? 0 : -1;
      show($('view-' + name), selected);
    });
    if (focus) { $('tab-' + view).focus(); }
    if (!state.token) { return; }
    if (view === 'tickets') { loadTickets('refresh'); }
    if (view === 'sink') { loadSink(); }
    if (view === 'knowledge') { loadKnowledge(false); }
  }

  /** Arrow keys, Home and End move between the tabs, as in any tab list (hidden tabs are skipped). */
  function onTabKey(event) {
    var views = VIEWS.filter(function (name) { return !$('tab-' + name).hidden; });
    var index = views.indexOf(state.view);
    var keys = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: views.length - 1 };
    if (!Object.prototype.hasOwnProperty.call(keys, event.key)) { return; }
    event.preventDefault();
    setView(views[(keys[event.key] + views.length) % views.length], true);
  }

  // ---- tickets: the list ---------------------------------------------------------------------

  function ticketFilters() {
    var params = new URLSearchParams();
    var chosen = { status: ui.filterStatus.value, priority: ui.filterPriority.value, sla: ui.filterSla.value, q: ui.filterQ.value.trim() };
    Object.keys(chosen).forEach(function (name) {
      if (chosen[name]) { params.set(name, chosen[name]); }
    });
    if (ui.filterMine.checked && state.operator) { params.set('assignee', state.operator.username); }
    return params;
  }

  /**
   * Loads the list: 'reset' (the filters changed) starts from the first page, 'refresh' reloads as
   * many as are shown (new tickets on top, changes in place), 'more' adds the next page. Only the
   * newest request counts: an older answer arriving late is dropped. Problems are shown, not thrown.
   */
  function loadTickets(how) {
    var params = ticketFilters();
    if (how === 'more') {
      if (!tickets.next) { return Promise.resolve(); }
      params.set('cursor', tickets.next);
    } else if (how === 'refresh' && tickets.items.length > TICKET_PAGE) {
      params.set('limit', String(Math.min(tickets.items.length, TICKET_PAGE_MAX)));
    }
    var generation = ++tickets.generation;
    ui.ticketsMore.disabled = true;
    return api('GET', '/api/operator/tickets?' + params.toString()).then(function (page) {
      if (generation !== tickets.generation) { return; }
      var items = (page && page.items) || [];
      if (how === 'more') {
        var shown = new Set(tickets.items.map(function (t) { return t.number; }));
        items = tickets.items.concat(items.filter(function (t) { return !shown.has(t.number); }));
      }
      tickets.items = items;
      tickets.next = (page && page.next) || null;
      tickets.loaded = true;
      show(ui.ticketsError, false);
      renderTickets();
    }, function (error) {
      if (generation === tickets.generation) { reportError(error, ui.ticketsError); }
    }).then(function () {
      if (generation === tickets.generation) { ui.ticketsMore.disabled = false; }
    });
  }

  var ticketsReloadTimer = null;
  function loadTicketsSoon() {
    clearTimeout(ticketsReloadTimer);
    ticketsReloadTimer = setTimeout(function () {
      if (tickets.loaded) { loadTickets('refresh'); }
    }, 150);
  }

  function renderTickets() {
    reconcile(ui.tickets, tickets.items, function (t) { return t.number; }, createTicketItem, updateTicketItem);
    show(ui.ticketsEmpty, tickets.loaded && tickets.items.length === 0);
    show(ui.ticketsMore, !!tickets.next);
  }

  function createTicketItem() {
    var li = el('li', { className: 'item ticket-item' });
    var open = el('button', { className: 'item-open', attrs: { type: 'button' } }, [
      el('span', { className: 'item-line' }, [
        el('span', { className: 'who ticket-no' }),
        el('span', { className: 'badge ticket-state' }),
        el('span', { className: 'badge ticket-priority' }),
        el('span', { className: 'badge sla' }),
        el('span', { className: 'badge alert-badge' }),
        el('span', { className: 'badge undeliverable-badge', text: 'Contatto non raggiungibile' })
      ]),
      el('span', { className: 'preview' }),
      el('span', { className: 'item-meta' })
    ]);
    open.addEventListener('click', function () { openTicket(li.dataset.number); });
    li.appendChild(open);
    return li;
  }

  function updateTicketItem(li, ticket) {
    var alert = tickets.alerts.get(ticket.number);
    li.dataset.number = ticket.number;
    li.classList.toggle('is-open', ticket.number === tickets.openNumber);
    li.classList.toggle('has-alert', !!alert);
    li.classList.toggle('is-undeliverable', !!ticket.undeliverable);
    li.querySelector('.ticket-no').textContent = ticket.number;
    setBadge(li.querySelector('.ticket-state'), 'ticketStatus', TEXT.ticketStatus, ticket.status);
    setBadge(li.querySelector('.ticket-priority'), 'priority', TEXT.ticketPriority, ticket.priority);
    setSlaBadge(li.querySelector('.sla'), ticket.sla);
    li.querySelector('.alert-badge').textContent = alert ? label(TEXT.ticketAlerts, alert) : '';
    var preview = li.querySelector('.preview');
    preview.textContent = ticket.subject || '—';
    preview.title = ticket.subject || '';
    li.querySelector('.item-meta').textContent = [
      ticket.customerName,
      label(TEXT.channel, ticket.channel),
      ticket.assignee ? 'assegnato a ' + ticket.assignee : 'non assegnato',
      'aggiornato ' + moment(ticket.updatedAt)
    ].join(' · ');
  }

  function setBadge(node, key, texts, value) {
    node.textContent = label(texts, value);
    node.dataset[key] = value || '';
  }

  /** The SLA in words as well as in colour. */
  function setSlaBadge(node, sla) {
    node.textContent = 'SLA: ' + label(TEXT.sla, sla);
    node.dataset.sla = sla || '';
  }

  // ---- tickets: the open ticket --------------------------------------------------------------

  function openTicket(number) {
    if (!number) { return Promise.resolve(); }
    if (tickets.openNumber !== number) {
      tickets.openNumber = number;
      tickets.open = null;
      tickets.mode = 'reply';
      ui.ticketText.value = '';
      ui.ticketNotePublic.checked = false;
      ui.ticket.dataset.number = number;
      delete ui.ticket.dataset.status;
      ui.ticketNumber.textContent = number;
      [ui.ticketSubject, ui.ticketDescription, ui.ticketStatus, ui.ticketPriority, ui.ticketSla].forEach(function (node) { node.textContent = ''; });
      [ui.ticketFacts, ui.ticketEntries, ui.ticketTranscript].forEach(clear);
      show(ui.ticketTranscriptBox, false);
      show(ui.ticketError, false);
      show(ui.ticketPlaceholder, false);
      show(ui.ticketBody, true);
    }
    tickets.alerts.delete(number);
    renderTicketAlerts();
    renderTicketComposer();
    return loadTicket();
  }

  function closeTicket() {
    tickets.openNumber = null;
    tickets.open = null;
    delete ui.ticket.dataset.number;
    delete ui.ticket.dataset.status;
    show(ui.ticketBody, false);
    show(ui.ticketPlaceholder, true);
  }

  function resetTickets() {
    clearTimeout(ticketsReloadTimer);
    tickets = newTicketState();
    closeTicket();
    clear(ui.tickets);
    show(ui.ticketsEmpty, false);
    show(ui.ticketsMore, false);
    show(ui.ticketsError, false);
    ui.ticketFilters.reset();
    renderTicketAlerts();
  }

  /** Reads the open ticket again; a problem is shown in the ticket, never thrown. */
  function loadTicket() {
    var number = tickets.openNumber;
    if (!number) { return Promise.resolve(); }
    return api('GET', '/api/operator/tickets/' + encodeURIComponent(number)).then(function (ticket) {
      if (tickets.openNumber !== number || !ticket) { return; }
      tickets.open = ticket;
      renderTicket();
    }, function (error) {
      if (tickets.openNumber === number) { reportError(error, ui.ticketError); }
    });
  }

  function renderTicket() {
    var ticket = tickets.open;
    if (!ticket) { return; }
    ui.ticket.dataset.status = ticket.status;
    ui.ticketNumber.textContent = ticket.number;
    setBadge(ui.ticketStatus, 'ticketStatus', TEXT.ticketStatus, ticket.status);
    setBadge(ui.ticketPriority, 'priority', TEXT.ticketPriority, ticket.priority);
    setSlaBadge(ui.ticketSla, ticket.sla);
    ui.ticketSubject.textContent = ticket.subject || '';
    ui.ticketDescription.textContent = ticket.description || '';
    show(ui.ticketDescription, !!ticket.description);
    ui.ticketUndeliverable.textContent = ticket.undeliverable ? 'Il contatto non riceve i messaggi: ' + ticket.undeliverable : '';
    show(ui.ticketUndeliverable, !!ticket.undeliverable);
    renderTicketFacts(ticket);
    renderTicketControls(ticket);
    renderEntries(ticket.entries || []);
    renderTranscript(ticket.transcript || []);
    renderTicketComposer();
    renderTicketAlerts();
  }

  function renderTicketFacts(ticket) {
    var contact = ticket.contact || {};
    var facts = [
      ['Cliente', textNode(contact.name)],
      ['Contatto', textNode(label(TEXT.channel, contact.channel) + ' · ' + (contact.address || ''))],
      ['Lingua', textNode(String(ticket.language || '').toUpperCase())],
      ['Origine', textNode(label(TEXT.source, ticket.source) + (ticket.sessionId ? ' · chat ' + shortId(ticket.sessionId) : ''))],
      ['Assegnato a', textNode(ticket.assignee || 'nessuno')],
      ['Aperto', textNode(moment(ticket.createdAt))],
      ['Aggiornato', textNode(moment(ticket.updatedAt))],
      ['Prima risposta', slaClock(ticket.firstResponse)],
      ['Risoluzione', slaClock(ticket.resolution)]
    ];
    clear(ui.ticketFacts);
    facts.forEach(function (fact) {
      ui.ticketFacts.appendChild(el('dt', { text: fact[0] }));
      ui.ticketFacts.appendChild(el('dd', {}, [fact[1]]));
    });
  }

  function textNode(value) {
    return document.createTextNode(value == null ? '' : String(value));
  }

  /** One promise of the SLA: its state, and its times in the park's time zone. */
  function slaClock(clock) {
    var node = el('span', { className: 'sla-clock' });
    if (!clock) { return node; }
    var badge = el('span', { className: 'badge sla' });
    setSlaBadge(badge, clock.state);
    node.appendChild(badge);
    var running = clock.state === 'active' || clock.state === 'warning';
    var parts = running
      ? ['avviso ' + moment(clock.warnAt), 'scadenza ' + moment(clock.dueAt)]
      : ['scadenza ' + moment(clock.dueAt)].concat(clock.endedAt ? ['concluso ' + moment(clock.endedAt)] : []);
    node.appendChild(el('span', { className: 'sla-times', text: parts.join(' · ') + ' (ora di Roma)' }));
    return node;
  }

  function renderTicketControls(ticket) {
    // The server says where the ticket may go next (and stays the judge: a 409 is shown as it explains it).
    var next = ticket.nextStatuses || [];
    var chosen = ui.ticketNextStatus.value;
    clear(ui.ticketNextStatus);
    next.forEach(function (status) {
      ui.ticketNextStatus.appendChild(el('option', { text: label(TEXT.ticketStatus, status), attrs: { value: status } }));
    });
    if (next.indexOf(chosen) >= 0) { ui.ticketNextStatus.value = chosen; }
    show(ui.ticketStatusForm, next.length > 0);

    var closed = ticket.status === 'closed';
    show(ui.ticketPriorityForm, !closed);
    // Set only when the ticket's own priority changes, so a refresh does not undo the operator's pick.
    if (ui.ticketNewPriority.dataset.current !== ticket.number + ':' + ticket.priority) {
      ui.ticketNewPriority.dataset.current = ticket.number + ':' + ticket.priority;
      ui.ticketNewPriority.value = ticket.priority;
    }
    show(ui.ticketClosedHint, closed);

    var mine = !!state.operator && ticket.assignee === state.operator.username;
    ui.ticketAssign.textContent = mine ? 'Rimuovi assegnazione' : 'Assegna a me';
    show(ui.ticketAssign, !closed);
  }

  function renderEntries(entries) {
    clear(ui.ticketEntries);
    entries.forEach(function (entry) {
      var kind = ENTRY_KINDS.indexOf(entry.kind) >= 0 ? entry.kind : 'event';
      ui.ticketEntries.appendChild(el('li', { className: 'entry ' + kind, attrs: { 'data-kind': kind, 'data-sequence': entry.sequence } }, [
        el('div', { className: 'meta' }, [
          el('span', { className: 'entry-label', text: label(TEXT.entryKind, kind) }),
          el('span', { className: 'author', text: entry.author || '' }),
          kind === 'internal_note' ? el('span', { className: 'note-hint', text: TEXT.notForCustomer }) : null,
          el('time', { text: moment(entry.at), attrs: { datetime: entry.at, title: dateTime(entry.at) } })
        ]),
        el('div', { className: 'text', text: entry.text || '' })
      ]));
    });
  }

  function renderTranscript(messages) {
    clear(ui.ticketTranscript);
    messages.forEach(function (message) { ui.ticketTranscript.appendChild(messageNode(message)); });
    ui.ticketTranscriptTitle.textContent = 'Conversazione in chat (' + messages.length + (messages.length === 1 ? ' messaggio)' : ' messaggi)');
    show(ui.ticketTranscriptBox, messages.length > 0);
  }

  function renderTicketAlerts() {
    var count = tickets.alerts.size;
    ui.ticketsAlerts.textContent = String(count);
    show(ui.ticketsAlerts, count > 0);
    var alert = tickets.openNumber ? tickets.alerts.get(tickets.openNumber) : null;
    ui.ticketAlert.textContent = alert ? 'Avviso: ' + label(TEXT.ticketAlerts, alert) + '.' : '';
    show(ui.ticketAlert, !!alert);
    renderTickets();
  }

  // ---- tickets: what operators do ------------------------------------------------------------

  /**
   * Runs one change on the open ticket. Its answer holds only the entries the change added, so the
   * ticket is read again, refused or not: a refusal (409) usually means it changed meanwhile.
   */
  function ticketAction(method, path, body, done) {
    var number = tickets.openNumber;
    if (!number || tickets.busy) { return Promise.resolve(); }
    tickets.busy = true;
    show(ui.ticketError, false);
    var buttons = ui.ticketBody.querySelectorAll('button');
    Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
    renderTicketComposer();
    return api(method, '/api/operator/tickets/' + encodeURIComponent(number) + path, body)
      .then(function (ticket) {
        tickets.alerts.delete(number);
        if (done) { done(ticket); }
        loadTicketsSoon();
      }, function (error) {
        reportError(error, ui.ticketError);
      })
      .then(function () {
        tickets.busy = false;
        Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
        return loadTicket();
      })
      .then(renderTicketComposer);
  }

  function onTicketAssign() {
    var ticket = tickets.open;
    if (!ticket || !state.operator) { return; }
    var mine = ticket.assignee === state.operator.username;
    ticketAction('POST', '/assign', { assignee: mine ? null : state.operator.username }, function () {
      toast(mine ? 'Ticket ' + ticket.number + ' non più assegnato.' : 'Ticket ' + ticket.number + ' assegnato a te.', 'info');
    });
  }

  function onTicketStatus(event) {
    event.preventDefault();
    var to = ui.ticketNextStatus.value;
    if (!to || !tickets.open) { return; }
    var number = tickets.open.number;
    ticketAction('POST', '/status', { status: to }, function () {
      toast('Ticket ' + number + ': ' + label(TEXT.ticketStatus, to).toLowerCase() + '.', 'info');
    });
  }

  function onTicketPriority(event) {
    event.preventDefault();
    var priority = ui.ticketNewPriority.value;
    if (!tickets.open || priority === tickets.open.priority) { return; }
    var number = tickets.open.number;
    ticketAction('PATCH', '', { priority: priority }, function () {
      toast('Ticket ' + number + ': priorità ' + label(TEXT.ticketPriority, priority).toLowerCase() + '.', 'info');
    });
  }

  function setTicketMode(mode) {
    tickets.mode = mode;
    renderTicketComposer();
    ui.ticketText.focus();
  }

  /** Replies and public notes reach the customer; internal notes never do, and stay possible on a closed ticket. */
  function renderTicketComposer() {
    var ticket = tickets.open;
    var closed = !!ticket && ticket.status === 'closed';
    var note = tickets.mode === 'note' || closed;
    if (closed) { ui.ticketNotePublic.checked = false; }
    var isPublic = note && ui.ticketNotePublic.checked;
    ui.ticketComposer.dataset.mode = note ? (isPublic ? 'public-note' : 'note') : 'reply';
    ui.ticketModeReply.setAttribute('aria-pressed', note ? 'false' : 'true');
    ui.ticketModeNote.setAttribute('aria-pressed', note ? 'true' : 'false');
    ui.ticketModeReply.disabled = closed || tickets.busy;
    show(ui.ticketPublicOption, note);
    ui.ticketNotePublic.disabled = closed || tickets.busy;
    var channel = ticket && ticket.contact ? label(TEXT.channel, ticket.contact.channel) : '';
    ui.ticketTextLabel.textContent = !note ? 'Risposta al cliente' : isPublic ? 'Nota pubblica' : 'Nota interna';
    ui.ticketText.placeholder = !note
      ? 'Risposta al cliente' + (channel ? ', inviata via ' + channel : '') + '… (Ctrl+Invio per inviare)'
      : isPublic ? 'Nota visibile al cliente, che la riceve… (Ctrl+Invio per inviare)' : 'Nota per i colleghi: il cliente non la vede. (Ctrl+Invio per salvare)';
    ui.ticketSend.textContent = !note ? 'Invia risposta' : isPublic ? 'Pubblica nota' : 'Salva nota';
    ui.ticketText.disabled = !ticket || tickets.busy;
    ui.ticketSend.disabled = !ticket || tickets.busy;
    ui.ticketHint.textContent = !note ? '' : isPublic ? 'La nota pubblica viene inviata al cliente.' : 'Le note interne non sono mai visibili al cliente.';
  }

  function onTicketSubmit(event) {
    event.preventDefault();
    var value = ui.ticketText.value;
    if (!tickets.open || !value.trim() || tickets.busy) { return; }
    var note = ui.ticketComposer.dataset.mode !== 'reply';
    var request = note
      ? ticketAction('POST', '/notes', { text: value, public: ui.ticketNotePublic.checked }, cleared)
      : ticketAction('POST', '/reply', { text: value }, cleared);
    request.then(function () {
      if (!ui.ticketText.disabled) { ui.ticketText.focus(); }
    });

    function cleared() {
      if (ui.ticketText.value === value) { ui.ticketText.value = ''; }
    }
  }

  function onTicketKey(event) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.isComposing) {
      event.preventDefault();
      ui.ticketComposer.requestSubmit();
    }
  }

  // ---- tickets: opened from the live chat ----------------------------------------------------

  /** The subject is prefilled with the visitor's first words; who they are and where to answer, the operator asks. */
  function openTicketForm() {
    show(ui.transferForm, false);
    show(ui.closeForm, false);
    if (!ui.ticketForm.hidden) { show(ui.ticketForm, false); return; }
    var first = ui.messages.querySelector('.msg.visitor .text');
    ui.ticketFormName.value = '';
    ui.ticketFormContact.value = '';
    ui.ticketFormChannel.value = '';
    ui.ticketFormPriority.value = 'medium';
    ui.ticketFormSubject.value = first ? first.textContent.replace(/\s+/g, ' ').trim().slice(0, ui.ticketFormSubject.maxLength) : 'Richiesta dalla chat';
    show(ui.ticketForm, true);
    ui.ticketFormName.focus();
  }

  function onTicketForm(event) {
    event.preventDefault();
    var sessionId = state.openId;
    var body = {
      name: ui.ticketFormName.value.trim(),
      contact: ui.ticketFormContact.value.trim(),
      subject: ui.ticketFormSubject.value.trim(),
      priority: ui.ticketFormPriority.value,
      sessionId: sessionId
    };
    if (ui.ticketFormChannel.value) { body.channel = ui.ticketFormChannel.value; }
    if (!sessionId || !body.name || !body.contact || !body.subject) {
      ui.chatError.textContent = 'Indica nome del cliente, email o cellulare e oggetto del ticket.';
      show(ui.chatError, true);
      return;
    }
    var submit = ui.ticketForm.querySelector('button[type="submit"]');
    submit.disabled = true;
    show(ui.chatError, false);
    api('POST', '/api/operator/tickets', body)
      .then(function (created) {
        show(ui.ticketForm, false);
        toast('Ticket ' + created.number + ' aperto: lo trovi nella sezione Ticket.', 'info');
        loadTicketsSoon();
        return openTicket(created.number);
      })
      .catch(function (error) { reportError(error, ui.chatError); })
      .then(function () { submit.disabled = false; });
  }

  // ---- tickets: realtime ---------------------------------------------------------------------

  var ticketReloadTimer = null;

  /** Any ticket changed: the list is read again; the open ticket too, if it is the one. */
  function onHubTicketChanged(event) {
    if (!event) { return; }
    loadTicketsSoon();
    if (event.ticket && event.ticket === tickets.openNumber) {
      clearTimeout(ticketReloadTimer);
      ticketReloadTimer = setTimeout(function () {
        if (!tickets.busy) { loadTicket(); }
      }, 150);
    }
    if (state.view === 'sink') { loadSinkSoon(); }
  }

  /** An alert for this operator: a toast (read out by screen readers) and a mark until the ticket is looked at. */
  function onHubTicketAlert(event) {
    if (!event || typeof event.ticket !== 'string') { return; }
    tickets.alerts.set(event.ticket, event.alert);
    toast('Ticket ' + event.ticket + ': ' + label(TEXT.ticketAlerts, event.alert) + '.', 'alert');
    renderTicketAlerts();
  }

  // ---- outgoing messages sink ----------------------------------------------------------------

  /** What would have been sent to customers; a server without the sink answers 404: "not available". */
  function loadSink() {
    var params = new URLSearchParams({ limit: String(SINK_PAGE) });
    var to = ui.sinkTo.value.trim();
    if (to) { params.set('to', to); }
    var generation = ++sinkGeneration;
    return api('GET', '/api/operator/sink?' + params.toString()).then(function (data) {
      if (generation !== sinkGeneration) { return; }
      show(ui.sinkError, false);
      show(ui.sinkUnavailable, false);
      renderSink((data && data.items) || []);
    }, function (error) {
      if (generation !== sinkGeneration) { return; }
      if (error instanceof ApiError && error.status === 404) {
        clear(ui.sink);
        show(ui.sinkEmpty, false);
        show(ui.sinkError, false);
        show(ui.sinkUnavailable, true);
        return;
      }
      reportError(error, ui.sinkError);
    });
  }

  var sinkReloadTimer = null;
  function loadSinkSoon() {
    clearTimeout(sinkReloadTimer);
    sinkReloadTimer = setTimeout(loadSink, 300);
  }

  function renderSink(items) {
    clear(ui.sink);
    items.forEach(function (item) {
      var meta = el('div', { className: 'meta' }, [
        el('time', { text: moment(item.at), attrs: { datetime: item.at, title: dateTime(item.at) } }),
        el('span', { className: 'badge channel', text: label(TEXT.channel, item.channel) }),
        el('span', { className: 'sink-to', text: 'a ' + (item.to || '') }),
        item.ticket ? el('span', { className: 'sink-ticket', text: 'ticket ' + item.ticket }) : null,
        item.notification ? el('span', { className: 'sink-kind', text: item.notification }) : null
      ]);
      ui.sink.appendChild(el('li', { className: 'sink-item', attrs: { 'data-id': item.id } }, [
        meta,
        item.subject ? el('div', { className: 'sink-subject', text: item.subject }) : null,
        el('div', { className: 'text', text: item.text || '' })
      ]));
    });
    show(ui.sinkEmpty, items.length === 0);
  }

  // ---- realtime ------------------------------------------------------------------------------

  function hubConnected() {
    return !!hub && !!window.signalR && hub.state === window.signalR.HubConnectionState.Connected;
  }

  function setRealtime(name) {
    ui.realtime.dataset.state = name;
    ui.realtime.textContent = TEXT.realtime[name];
  }

  function connectHub() {
    stopHub();
    if (!window.signalR || !state.token) {
      setRealtime('off');
      return;
    }
    var connection = new window.signalR.HubConnectionBuilder()
      .withUrl('/api/hub', { accessTokenFactory: function () { return state.token; } })
      .withAutomaticReconnect()
      .configureLogging(window.signalR.LogLevel.Warning)
      .build();

    connection.on('message', onHubMessage);
    connection.on('status', onHubStatus);
    connection.on('queueChanged', function () { loadQueueSoon(); });
    connection.on('assigned', onHubAssigned);
    connection.on('alert', onHubAlert);
    connection.on('typing', onHubTyping);
    connection.on('ticketChanged', onHubTicketChanged);
    connection.on('ticketAlert', onHubTicketAlert);
    connection.on('queue', function () { /* visitor-side event */ });

    connection.onreconnecting(function () {
      if (hub === connection) { setRealtime('reconnecting'); }
    });
    connection.onreconnected(function () {
      if (hub !== connection) { return; }
      setRealtime('connected');
      refreshAll(); // whatever happened while disconnected
    });
    connection.onclose(function () {
      if (hub !== connection) { return; }
      setRealtime('off');
      scheduleHubRetry(connection);
    });

    hub = connection;
    hubRetryDelay = 2000;
    startHub(connection);
  }

  function startHub(connection) {
    if (hub !== connection || !state.token) { return; }
    setRealtime('connecting');
    connection.start().then(function () {
      if (hub !== connection) { connection.stop(); return; }
      hubRetryDelay = 2000;
      setRealtime('connected');
      refreshAll();
    }, function () {
      if (hub !== connection) { return; }
      setRealtime('off');
      // A refused negotiate may mean an expired token: any authenticated call finds out.
      loadMe().catch(function () {});
      scheduleHubRetry(connection);
    });
  }

  function scheduleHubRetry(connection) {
    clearTimeout(hubRetryTimer);
    if (!state.token) { return; }
    hubRetryTimer = setTimeout(function () {
      if (hub === connection && connection.state === window.signalR.HubConnectionState.Disconnected) {
        startHub(connection);
      }
    }, hubRetryDelay);
    hubRetryDelay = Math.min(hubRetryDelay * 2, 30000);
  }

  function stopHub() {
    clearTimeout(hubRetryTimer);
    var connection = hub;
    hub = null;
    if (connection) { connection.stop().catch(function () {}); }
    setRealtime('off');
  }

  /**
   * An event whose payload is not what the contract says (e.g. enums as numbers) is only taken as
   * "this chat changed": the console reloads it through the REST API instead of guessing.
   */
  var resyncTimer = null;
  function resyncSoon(sessionId) {
    clearTimeout(resyncTimer);
    resyncTimer = setTimeout(function () {
      if (sessionId && sessionId === state.openId) { loadOpenChat().catch(reportError); }
      loadChats().catch(reportError);
      loadMe().catch(reportError);
    }, 150);
  }

  function onHubMessage(event) {
    if (!event) { return; }
    var id = event.sessionId;
    if (!event.message || SENDERS.indexOf(event.message.sender) < 0) {
      resyncSoon(id);
      return;
    }
    if (id === state.openId) {
      addMessage(event.message);
      if (event.message.sender === 'visitor') { showVisitorTyping(false); }
    }
    var item = chatItem(id);
    if (item) {
      item.lastMessage = event.message;
      if (id !== state.openId && event.message.sender === 'visitor') { state.unread.add(id); }
      renderChats();
    } else if (event.message.sender === 'visitor') {
      loadChats().catch(reportError);
    }
  }

  function onHubStatus(event) {
    if (!event) { return; }
    var id = event.sessionId;
    if (typeof event.status !== 'string' || !Object.prototype.hasOwnProperty.call(TEXT.status, event.status)) {
      resyncSoon(id);
      return;
    }
    if (id === state.openId && state.open) {
      state.open.status = event.status;
      state.open.outcome = event.outcome;
      state.open.operator = event.operator;
      if (event.status !== 'queued') { state.open.queue = null; }
      renderChatHead();
      if (event.status === 'ended') { showVisitorTyping(false); }
    }
    if (event.status === 'ended' || (event.operator && state.operator && event.operator.username !== state.operator.username)) {
      state.alerts.delete(id);
    }
    loadChats().catch(reportError);
    loadMe().catch(reportError);
  }

  function onHubAssigned(event) {
    if (!event) { return; }
    var id = event.sessionId;
    if (id !== state.openId) { state.fresh.add(id); }
    toast(event.byRouting ? 'Ti è stata assegnata una nuova chat.' : 'Chat assegnata a te.', 'alert');
    Promise.all([loadChats(), loadQueue(), loadMe()]).catch(reportError);
    if (id === state.openId) { loadOpenChat().catch(reportError); }
  }

  function onHubAlert(event) {
    if (!event) { return; }
    var id = event.sessionId;
    state.alerts.add(id);
    toast((label(TEXT.alerts, event.alert) || 'Avviso') + ' (Visitatore ' + shortId(id) + ')', 'alert');
    renderAlert();
  }

  function onHubTyping(event) {
    if (!event || event.sender !== 'visitor' || event.sessionId !== state.openId) { return; }
    showVisitorTyping(!!event.isTyping);
  }

  // ---- knowledge base (admins) ---------------------------------------------------------------

  /**
   * Shows the current version and the history. The editor gets the current document unless the
   * admin has unsaved changes there (`replace` forces it: the "reload" button, after a save).
   */
  function loadKnowledge(replace) {
    var generation = ++knowledge.generation;
    return Promise.all([
      api('GET', '/api/admin/knowledge-base'),
      api('GET', '/api/admin/knowledge-base/versions')
    ]).then(function (results) {
      if (generation !== knowledge.generation) { return; }
      var current = results[0];
      ui.knowledgeCurrent.textContent = describeVersion(current, true);
      ui.knowledgeCurrent.dataset.version = current.version;
      if (replace || !knowledge.dirty || knowledge.edited === null) {
        ui.knowledgeText.value = JSON.stringify(current.document, null, 2);
        knowledge.edited = current.version;
        knowledge.dirty = false;
        showKnowledgeProblem(null);
      }
      ui.knowledgeHint.textContent = 'Stai modificando la versione ' + knowledge.edited +
        (knowledge.edited === current.version ? '.' : ': nel frattempo è stata salvata la versione ' + current.version + '.');
      renderKnowledgeVersions((results[1] && results[1].items) || [], current.version);
    }).catch(function (error) {
      if (generation !== knowledge.generation) { return; }
      showKnowledgeProblem(error);
    });
  }

  function describeVersion(version, long) {
    var parts = ['Versione ' + version.version];
    if (version.source === 'file') {
      parts.push('file distribuito con l\'applicazione');
    } else {
      parts.push((long ? 'salvata da ' : '') + version.savedBy, moment(version.savedAt));
    }
    parts.push(version.size + ' byte');
    if (version.restoredFrom !== undefined && version.restoredFrom !== null) {
      parts.push('ripristino della versione ' + version.restoredFrom);
    }
    return parts.join(' · ');
  }

  function renderKnowledgeVersions(items, current) {
    clear(ui.knowledgeVersions);
    items.forEach(function (item) {
      var restore = null;
      if (item.version === current) {
        restore = el('span', { className: 'badge', text: 'in uso' });
      } else {
        restore = el('button', { className: 'ghost', text: 'Ripristina', attrs: { type: 'button', 'aria-label': 'Ripristina la versione ' + item.version } });
        restore.addEventListener('click', function () { restoreKnowledge(item.version, current, restore); });
      }
      ui.knowledgeVersions.appendChild(el('li', { className: 'knowledge-version', attrs: { 'data-version': item.version } }, [
        el('span', { text: describeVersion(item, false) }),
        restore
      ]));
    });
  }

  /** The server's refusal as text: its detail, then every error it found in the document. */
  function showKnowledgeProblem(error) {
    clear(ui.knowledgeErrors);
    if (!error) {
      show(ui.knowledgeProblem, false);
      return;
    }
    if (error.status === 401) { return; }
    var errors = (error.problem && Array.isArray(error.problem.errors)) ? error.problem.errors : [];
    ui.knowledgeDetail.textContent = errors.length > 0 ? 'Non salvato: ' + errors.length + (errors.length === 1 ? ' errore.' : ' errori.') : error.message;
    errors.forEach(function (text) { ui.knowledgeErrors.appendChild(el('li', { text: text })); });
    show(ui.knowledgeProblem, true);
  }

  function onKnowledgeSave(event) {
    event.preventDefault();
    if (knowledge.busy) { return; }
    knowledge.busy = true;
    ui.knowledgeSave.disabled = true;
    var headers = knowledge.edited === null ? {} : { 'If-Match': '"' + knowledge.edited + '"' };
    api('PUT', '/api/admin/knowledge-base', ui.knowledgeText.value, { text: true, headers: headers })
      .then(function (saved) {
        toast('Salvata la versione ' + saved.version + ': l\'assistente la usa già.', 'info');
        return loadKnowledge(true);
      })
      .catch(showKnowledgeProblem)
      .then(function () {
        knowledge.busy = false;
        ui.knowledgeSave.disabled = false;
      });
  }

  function restoreKnowledge(version, current, button) {
    button.disabled = true;
    api('POST', '/api/admin/knowledge-base/versions/' + version + '/restore', undefined, { headers: { 'If-Match': '"' + current + '"' } })
      .then(function (saved) {
        toast('Versione ' + version + ' ripristinata come versione ' + saved.version + '.', 'info');
        return loadKnowledge(true);
      })
      .catch(function (error) {
        button.disabled = false;
        showKnowledgeProblem(error);
      });
  }

  function resetKnowledge() {
    knowledge = newKnowledgeState();
    ui.knowledgeText.value = '';
    ui.knowledgeCurrent.textContent = '';
    ui.knowledgeHint.textContent = '';
    clear(ui.knowledgeVersions);
    showKnowledgeProblem(null);
  }

  // ---- wiring --------------------------------------------------------------------------------

  function addTakeButton() {
    // "Take" in the chat head, for a queued chat opened as a preview.
    var take = el('button', { className: 'take', text: 'Prendi', attrs: { type: 'button', id: 'action-take' } });
    take.hidden = true;
    take.addEventListener('click', function () { takeChat(state.openId, take); });
    $('chat-actions').insertBefore(take, $('chat-actions').firstChild);
    ui.actionTake = take;
  }

  function wire() {
    addTakeButton();
    ui.loginForm.addEventListener('submit', onLogin);
    ui.logout.addEventListener('click', onLogout);
    ui.availability.addEventListener('change', onAvailability);
    ui.composer.addEventListener('submit', onComposerSubmit);
    ui.composerText.addEventListener('keydown', onComposerKey);
    ui.composerText.addEventListener('input', onComposerInput);
    ui.composerText.addEventListener('blur', stopTyping);
    ui.modeMessage.addEventListener('click', function () { setMode('message'); });
    ui.modeNote.addEventListener('click', function () { setMode('note'); });
    ui.actionTransfer.addEventListener('click', openTransfer);
    ui.actionRelease.addEventListener('click', onRelease);
    ui.actionCloseRequest.addEventListener('click', onCloseRequest);
    ui.actionClose.addEventListener('click', openClose);
    ui.transferForm.addEventListener('submit', onTransfer);
    ui.closeForm.addEventListener('submit', onClose);
    ui.actionTicket.addEventListener('click', openTicketForm);
    ui.ticketForm.addEventListener('submit', onTicketForm);
    VIEWS.forEach(function (view) {
      var tab = $('tab-' + view);
      tab.addEventListener('click', function () { setView(view); });
      tab.addEventListener('keydown', onTabKey);
    });
    ui.ticketFilters.addEventListener('submit', function (event) {
      event.preventDefault();
      loadTickets('reset');
    });
    ui.ticketFilters.addEventListener('change', function (event) {
      // The text is searched on Enter (submit); the choices apply at once.
      if (event.target !== ui.filterQ) { loadTickets('reset'); }
    });
    ui.ticketsMore.addEventListener('click', function () { loadTickets('more'); });
    ui.ticketAssign.addEventListener('click', onTicketAssign);
    ui.ticketStatusForm.addEventListener('submit', onTicketStatus);
    ui.ticketPriorityForm.addEventListener('submit', onTicketPriority);
    ui.ticketComposer.addEventListener('submit', onTicketSubmit);
    ui.ticketText.addEventListener('keydown', onTicketKey);
    ui.ticketModeReply.addEventListener('click', function () { setTicketMode('reply'); });
    ui.ticketModeNote.addEventListener('click', function () { setTicketMode('note'); });
    ui.ticketNotePublic.addEventListener('change', renderTicketComposer);
    ui.sinkFilters.addEventListener('submit', function (event) {
      event.preventDefault();
      loadSink();
    });
    ui.knowledgeForm.addEventListener('submit', onKnowledgeSave);
    ui.knowledgeReload.addEventListener('click', function () { loadKnowledge(true); });
    ui.knowledgeText.addEventListener('input', function () { knowledge.dirty = true; });
    Array.prototype.forEach.call(document.querySelectorAll('[data-cancel]'), function (button) {
      button.addEventListener('click', function () { show(button.closest('form'), false); });
    });
    window.addEventListener('beforeunload', stopTyping);
  }

  function boot() {
    wire();
    refreshHealth();
    setInterval(refreshHealth, HEALTH_REFRESH_MS);
    setInterval(tick, 1000);
    setInterval(poll, POLL_MS);
    setRealtime('off');
    closeChat();

    var saved = loadSavedSession();
    if (saved) {
      startSession(saved.token, saved.expiresAt, saved.operator);
    } else {
      showLogin();
    }
  }

  boot();
})();
