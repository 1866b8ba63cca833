// Names that travel between Lucine's server and its two clients (the widget and the dashboard).
// A name spelt differently on one side fails silently (an event nobody listens to), so each is
// spelt once, here.

/** The SignalR hub, on Lucine's origin (with Azure SignalR Service, its negotiation sends clients there). */
export const HUB_PATH = '/api/hub';

/** The header that carries a visitor's session token. */
export const SESSION_TOKEN_HEADER = 'X-Session-Token';

/** Every problem+json `type` is this prefix and the problem's name. */
export const PROBLEM_TYPE_PREFIX = 'urn:lucine:problem:';

/** Who writes a chat message. */
export const SENDERS = ['visitor', 'bot', 'operator', 'system'];

/** The chat statuses in which an operator holds the chat. */
export const WITH_OPERATOR = ['with_operator', 'waiting_client', 'closing'];

/** What the hub pushes to the clients. */
export const HubEvent = Object.freeze({
  message: 'message',
  status: 'status',
  queue: 'queue',
  typing: 'typing',
  queueChanged: 'queueChanged',
  assigned: 'assigned',
  alert: 'alert',
  ticketChanged: 'ticketChanged',
  ticketAlert: 'ticketAlert',
  page: 'page'
});

/**
 * A sender as the clients draw it: one they do not know (a newer server's) is shown as a system
 * message rather than dropped.
 * @param {unknown} sender
 * @returns {string}
 */
export function knownSender(sender) {
  return typeof sender === 'string' && SENDERS.includes(sender) ? sender : 'system';
}

/**
 * @param {string | null | undefined} status
 * @returns {boolean}
 */
export function isWithOperator(status) {
  return !!status && WITH_OPERATOR.includes(status);
}
