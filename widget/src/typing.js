// Typing, both ways: "Lucy is typing" while the assistant answers a POST, "the operator is
// typing" when realtime says so, and the visitor's own typing told to the operator (over HTTP, as
// realtime clients only listen).

/** @typedef {import('./i18n/it.js').Texts} Texts */
/** @typedef {import('../client/realtime.js').Realtime} Realtime */
/** @typedef {import('./view.js').WidgetView} WidgetView */

const TYPING_REPEAT_MS = 2000;   // tell the operator "typing" at most this often...
const TYPING_IDLE_MS = 3000;     // ...and "stopped" after this long without a keystroke
const TYPING_SHOWN_MS = 5000;    // the operator's indicator goes away by itself if their "stopped" is lost

export class Typing {
  /**
   * @param {WidgetView} view
   * @param {Realtime} realtime
   * @param {Texts} pageTexts
   * @param {() => Texts} conversationTexts the operator speaks the conversation's language
   * @param {(isTyping: boolean) => void} tell tells the operator in charge
   */
  constructor(view, realtime, pageTexts, conversationTexts, tell) {
    this.view = view;
    this.realtime = realtime;
    this.tell = tell;
    this.pageTexts = pageTexts;
    this.conversationTexts = conversationTexts;
    this.bot = false;
    this.operator = false;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.operatorTimer = undefined;
    this.visitor = false;
    this.visitorSentAt = 0;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.visitorIdleTimer = undefined;
  }

  /** @param {boolean} value */
  setBot(value) {
    this.bot = value;
    this.render();
  }

  /** @param {boolean} value */
  setOperator(value) {
    clearTimeout(this.operatorTimer);
    this.operatorTimer = value ? setTimeout(() => this.setOperator(false), TYPING_SHOWN_MS) : undefined;
    this.operator = value;
    this.render();
  }

  /** @private */
  render() {
    this.view.showTyping(this.operator ? this.conversationTexts().operatorTyping : this.bot ? this.pageTexts.typing : null);
  }

  /**
   * A keystroke in the composer; told only while an operator is in charge and realtime is connected
   * (without it, the operator's dashboard would not show it in time either).
   * @param {boolean} withOperator
   */
  visitorTyped(withOperator) {
    if (!this.realtime.connected || !withOperator) {
      return;
    }
    if (!this.view.composer.input.value.trim()) {
      this.stopVisitor();
      return;
    }
    // Repeated while typing goes on, so the operator's indicator (which fades by itself) stays up.
    const now = Date.now();
    if (!this.visitor || now - this.visitorSentAt >= TYPING_REPEAT_MS) {
      this.visitor = true;
      this.visitorSentAt = now;
      this.tell(true);
    }
    clearTimeout(this.visitorIdleTimer);
    this.visitorIdleTimer = setTimeout(() => this.stopVisitor(), TYPING_IDLE_MS);
  }

  stopVisitor() {
    clearTimeout(this.visitorIdleTimer);
    this.visitorIdleTimer = undefined;
    if (this.visitor) {
      this.visitor = false;
      this.tell(false);
    }
  }
}
