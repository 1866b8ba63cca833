// What the console calls things, in Italian: the server's names (statuses, roles, kinds) as
// operators read them. Sentences are written where they are used.
export const TEXT = {
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
  notForCustomer: 'non visibile al cliente',
  context: {
    title: 'Il visitatore',
    page: 'Pagina',
    referrer: 'Arrivato da',
    device: 'Dispositivo',
    language: 'Lingua del browser',
    devices: { mobile: 'Smartphone', desktop: 'Computer' },
    none: 'Il widget non ha indicato dove si trova il visitatore.',
    earlier: 'Conversazioni precedenti (stesso browser)',
    noEarlier: 'Nessuna conversazione precedente.',
    untitled: '(pagina senza titolo)',
    pageChanged: 'Il visitatore è passato a un\'altra pagina.'
  },
  conversations: {
    tab: 'Conversazioni',
    title: 'Conversazioni concluse',
    from: 'Dal',
    to: 'Al',
    outcome: 'Risultato',
    operator: 'Operatore',
    operatorPlaceholder: 'nome utente',
    language: 'Lingua',
    any: 'Tutti',
    languages: { it: 'Italiano', en: 'Inglese' },
    search: 'Cerca',
    searchPlaceholder: 'parole del visitatore',
    submit: 'Cerca',
    empty: 'Nessuna conversazione con questi filtri.',
    more: 'Carica altre',
    listLabel: 'Elenco delle conversazioni',
    visitor: 'Visitatore',
    messages: 'messaggi',
    endedAt: 'conclusa',
    with: 'con',
    noOperator: 'solo assistente',
    placeholder: 'Seleziona una conversazione dall\'elenco.',
    transcriptLabel: 'Trascrizione della conversazione',
    readOnly: 'Sola lettura: la conversazione è conclusa.',
    startedAt: 'iniziata',
    live: 'Conversazione ancora in corso: aprila dalla scheda Chat.'
  }
};
