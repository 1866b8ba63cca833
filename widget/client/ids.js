/**
 * A fresh client message id: the server stores one exchange per id, so a retry with the same id
 * never writes twice. A UUID also makes a first message's session idempotent (22 characters or
 * more), which is why the fallback keeps all 128 random bits.
 * @returns {string}
 */
export function newClientMessageId() {
  if (typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID();
  }
  // randomUUID exists only in secure contexts; a page served over plain http still needs ids.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
