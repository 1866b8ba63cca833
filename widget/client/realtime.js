// The SignalR hub with polling in its place whenever it is not connected: both clients keep
// working without realtime, and realtime only makes them quicker.
import { HUB_PATH } from './wire.js';

/** @typedef {typeof import('@microsoft/signalr')} SignalR */
/** @typedef {import('@microsoft/signalr').HubConnection} HubConnection */
/** @typedef {'off' | 'connecting' | 'connected' | 'reconnecting'} HubState */

/**
 * @typedef {object} RealtimeOptions
 * @property {string} origin Lucine's origin; '' for the page's own
 * @property {() => string} accessToken read at each (re)connection, so a new token is used at once
 * @property {Record<string, (event: any) => void>} on what to do with each pushed event
 * @property {() => Promise<unknown>} catchUp reads what realtime would have pushed: run once a
 *   connection is (re)made, and every `pollMs` while there is none
 * @property {number} pollMs
 * @property {number} firstRetryMs a connection that failed or closed is tried again after this long,
 * @property {number} maxRetryMs ...doubling up to this
 * @property {'None' | 'Warning'} logLevel
 * @property {() => Promise<SignalR>} loadSignalR
 * @property {() => void} [onChange] the hub's state or the polling changed
 * @property {() => void} [onRefused] a connection could not be made (an expired token, maybe)
 */

/** @type {Map<string, Promise<SignalR>>} */
const loading = new Map();

/**
 * The SignalR browser bundle (a classic script defining the global `signalR`), loaded once and
 * only when a connection is wanted: a visitor who only talks to the assistant never downloads it.
 * @param {string} url
 * @returns {Promise<SignalR>}
 */
export function loadSignalR(url) {
  const global = /** @type {{ signalR?: SignalR }} */ (/** @type {unknown} */ (window));
  if (global.signalR) {
    return Promise.resolve(global.signalR);
  }
  let promise = loading.get(url);
  if (!promise) {
    promise = new Promise((resolve, reject) => {
      const tag = document.createElement('script');
      tag.src = url;
      tag.async = true;
      tag.onload = () => {
        // A page with an AMD loader gets the bundle as a module, not as a global: poll then.
        if (global.signalR) {
          resolve(global.signalR);
        } else {
          reject(new Error('signalR global missing'));
        }
      };
      tag.onerror = () => {
        tag.remove();
        loading.delete(url); // a later attempt may load it
        reject(new Error('signalR bundle not loaded'));
      };
      document.head.appendChild(tag);
    });
    loading.set(url, promise);
  }
  return promise;
}

function noop() {}

export class Realtime {
  /** @param {RealtimeOptions} options */
  constructor(options) {
    this.options = options;
    /** @type {HubState} */
    this.state = 'off';
    this.started = false;
    /** @type {HubConnection | null} */
    this.connection = null;
    // Bumped by every new attempt and by stop(): a callback of an older attempt changes nothing.
    this.generation = 0;
    this.retryMs = options.firstRetryMs;
    /** @type {ReturnType<typeof setTimeout> | null} */
    this.retryTimer = null;
    /** @type {ReturnType<typeof setTimeout> | null} */
    this.pollTimer = null;
  }

  get connected() {
    return this.state === 'connected';
  }

  /** Whether a poll is planned or under way, standing in for the hub. */
  get polling() {
    return this.pollTimer !== null;
  }

  start() {
    if (this.started) {
      return;
    }
    this.started = true;
    this.retryMs = this.options.firstRetryMs;
    this.connect();
  }

  stop() {
    this.started = false;
    this.generation += 1;
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
    }
    this.retryTimer = null;
    const connection = this.connection;
    this.connection = null;
    connection?.stop().catch(noop);
    this.setState('off');
  }

  /** @private */
  connect() {
    const generation = ++this.generation;
    const { options } = this;
    this.setState('connecting');
    options.loadSignalR().then((signalR) => {
      if (generation !== this.generation) {
        return undefined;
      }
      const connection = new signalR.HubConnectionBuilder()
        .withUrl(options.origin + HUB_PATH, {
          accessTokenFactory: options.accessToken,
          // The token travels in a header (or the query string for WebSockets), never in cookies:
          // without credentials the hub can be reached from the park's site like the chat API.
          withCredentials: false
        })
        .withAutomaticReconnect()
        .configureLogging(signalR.LogLevel[options.logLevel])
        .build();
      this.connection = connection;
      for (const [name, handler] of Object.entries(options.on)) {
        connection.on(name, handler);
      }
      connection.onreconnecting(() => {
        if (generation === this.generation) {
          this.setState('reconnecting');
        }
      });
      connection.onreconnected(() => {
        if (generation === this.generation) {
          this.setState('connected');
          options.catchUp(); // pushes sent while the connection was down are not replayed
        }
      });
      connection.onclose(() => this.lost(generation));
      return connection.start().then(() => {
        if (generation !== this.generation) {
          connection.stop().catch(noop);
          return;
        }
        this.retryMs = options.firstRetryMs;
        this.setState('connected');
        options.catchUp(); // whatever happened before the connection existed
      });
    }).catch(() => {
      if (generation === this.generation) {
        options.onRefused?.();
        this.lost(generation);
      }
    });
  }

  /**
   * The connection failed or closed: try again later, polling meanwhile.
   * @private
   * @param {number} generation
   */
  lost(generation) {
    if (generation !== this.generation) {
      return; // stopped on purpose, or already being replaced
    }
    this.generation += 1;
    this.connection = null;
    this.setState('off');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.started) {
        this.connect();
      }
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, this.options.maxRetryMs);
  }

  /**
   * @private
   * @param {HubState} state
   */
  setState(state) {
    this.state = state;
    this.updatePolling();
  }

  /**
   * A chain of timeouts, not an interval: the next poll is planned only once the previous one has
   * answered, so a slow server never gets requests piling up.
   * @private
   */
  updatePolling() {
    const wanted = this.started && !this.connected;
    if (wanted && this.pollTimer === null) {
      const timer = setTimeout(() => {
        this.options.catchUp().catch(noop).then(() => {
          if (this.pollTimer === timer) { // not stopped (and maybe restarted) meanwhile
            this.pollTimer = null;
            this.updatePolling();
          }
        });
      }, this.options.pollMs);
      this.pollTimer = timer;
    } else if (!wanted && this.pollTimer !== null) {
      clearTimeout(this.pollTimer);
      this.pollTimer = null;
    }
    this.options.onChange?.();
  }
}
