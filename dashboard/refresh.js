// Reading again everything the console shows: after realtime (re)connects, and every few
// seconds while it cannot.
import { ApiError } from './api.js';
import { loadMe, showHealth } from './header.js';
import { TEXT } from './i18n/text.js';
import { state } from './state.js';
import { loadOpenChat } from './views/chat.js';
import { loadChats, loadQueue } from './views/queue.js';
import { loadSink } from './views/sink.js';
import { loadTicket } from './views/ticket.js';
import { isListLoaded, loadTickets } from './views/tickets.js';

/** @type {Promise<void> | null} */
let refreshing = null;

/** Concurrent calls share one run; a server that does not answer shows in the header. */
export function refreshAll() {
  if (!state.token) {
    return Promise.resolve();
  }
  if (!refreshing) {
    /** @type {Promise<unknown>[]} */
    const jobs = [loadMe(), loadQueue(), loadChats()];
    if (state.openId) { jobs.push(loadOpenChat()); }
    if (isListLoaded()) { jobs.push(loadTickets('refresh')); }
    if (state.ticketNumber) { jobs.push(loadTicket()); }
    if (state.view === 'sink') { jobs.push(loadSink()); }
    refreshing = Promise.all(jobs.map((job) => job.catch((error) => error))).then((results) => {
      refreshing = null;
      if (results.some((result) => result instanceof ApiError && result.status === 0)) {
        showHealth('unhealthy', TEXT.health.down);
      }
    });
  }
  return refreshing;
}
