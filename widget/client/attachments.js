// Attachments as both clients handle them: which files may be sent (checked again by the server
// from the bytes), and how one is shown: an image as a thumbnail, a PDF as a button that downloads
// it. The bytes are fetched with the client's own credentials and shown through an object URL, so
// no token is ever put in a URL; the name is only ever text.
import { el, saveBlob } from './dom.js';

/**
 * An attachment as the API describes it on a message or a ticket entry.
 * @typedef {object} Attachment
 * @property {string} id
 * @property {string} name the sanitised file name, plain text
 * @property {string} type the type the server found from the bytes
 * @property {number} size bytes
 */

/**
 * The words a client shows with one attachment, in its language, its name and size filled in.
 * @typedef {object} AttachmentWords
 * @property {string} size the size as shown (`sizeWords`)
 * @property {string} enlarge an image's button, to see it larger
 * @property {string} shrink the same button while it is large
 * @property {string} download a PDF's button
 * @property {string} unavailable when its bytes could not be fetched
 */

/** What the file picker offers; on iOS this also makes Safari hand HEIC photos over as JPEG. */
export const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];

/** The server's Attachments:MaxBytes default (5 MiB). */
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * Why a file will not be sent, before it is: the name of the problem the server would answer
 * (its sentence is in attachment-problems.js); null when it may go (the server checks its bytes again).
 * @param {{ size: number, type: string, name: string }} file
 * @returns {'invalid-attachment' | 'attachment-too-large' | 'attachment-heic' | 'attachment-type-unsupported' | null}
 */
export function fileRefusal(file) {
  if (file.size === 0) {
    return 'invalid-attachment';
  }
  if (file.size > MAX_BYTES) {
    return 'attachment-too-large';
  }
  if (/^image\/hei[cf]/.test(file.type) || /\.hei[cf]$/i.test(file.name)) {
    return 'attachment-heic';
  }
  return ACCEPTED_TYPES.includes(file.type) ? null : 'attachment-type-unsupported';
}

/**
 * Whether sending the same file again can help: nothing answered, the server failed, or too many went at once.
 * @param {number} status the refused upload's HTTP status (0: no answer)
 */
export function mayRetry(status) {
  return status === 0 || status >= 500 || status === 429;
}

/**
 * A size as people read it: "850 KB", "1,2 MB" in Italian.
 * @param {number} bytes
 * @param {string} locale
 */
export function sizeWords(bytes, locale) {
  const kb = bytes / 1024;
  if (kb < 1024) {
    return Math.max(1, Math.round(kb)).toLocaleString(locale) + ' KB';
  }
  return (kb / 1024).toLocaleString(locale, { maximumFractionDigits: 1 }) + ' MB';
}

/**
 * Whether the value is an attachment as the contract describes it (anything else is not shown).
 * @param {unknown} value
 * @returns {value is Attachment}
 */
export function isAttachment(value) {
  const a = /** @type {Record<string, unknown>} */ (value);
  return typeof value === 'object' && value !== null && typeof a.id === 'string' && typeof a.name === 'string' &&
    typeof a.type === 'string' && typeof a.size === 'number';
}

/**
 * An attachment as shown in a message or an entry.
 * @param {Attachment} attachment
 * @param {() => Promise<Blob | null>} load its bytes, with the client's credentials (null when refused or unreachable)
 * @param {AttachmentWords} words
 * @returns {HTMLElement}
 */
export function attachmentNode(attachment, load, words) {
  const box = el('div', { className: 'attachment', attrs: { 'data-attachment-id': attachment.id, 'data-type': attachment.type } });
  const problem = el('p', { className: 'attachment-problem', text: words.unavailable });
  problem.hidden = true;
  if (attachment.type.startsWith('image/')) {
    const image = el('img', { className: 'thumbnail', attrs: { alt: attachment.name } });
    const button = el('button', { className: 'attachment-open', attrs: { type: 'button', 'aria-expanded': 'false', title: words.enlarge } }, [image]);
    button.addEventListener('click', () => {
      const large = !box.classList.contains('large');
      box.classList.toggle('large', large);
      button.setAttribute('aria-expanded', String(large));
      button.title = large ? words.shrink : words.enlarge;
    });
    box.append(button, problem);
    load().then((blob) => {
      if (!blob) {
        button.hidden = true;
        problem.hidden = false;
        return;
      }
      const url = URL.createObjectURL(blob);
      // Decoded once loaded: the URL is not needed any more, larger or not.
      image.addEventListener('load', () => URL.revokeObjectURL(url), { once: true });
      image.src = url;
    });
    return box;
  }
  const button = el('button', { className: 'attachment-file', attrs: { type: 'button', title: words.download } }, [
    el('span', { className: 'attachment-icon', text: 'PDF', attrs: { 'aria-hidden': 'true' } }),
    el('span', { className: 'attachment-name', text: attachment.name }),
    el('span', { className: 'attachment-size', text: words.size })
  ]);
  button.addEventListener('click', async () => {
    button.disabled = true;
    const blob = await load();
    button.disabled = false;
    problem.hidden = !!blob;
    if (blob) {
      saveBlob(blob, attachment.name);
    }
  });
  box.append(button, problem);
  return box;
}

/**
 * The bytes at `url`, fetched with `headers`; null when they did not come.
 * @param {string} url
 * @param {Record<string, string>} headers
 * @returns {Promise<Blob | null>}
 */
export async function fetchAttachment(url, headers) {
  try {
    const response = await fetch(url, { headers, cache: 'no-store' });
    return response.ok ? await response.blob() : null;
  } catch {
    return null;
  }
}
