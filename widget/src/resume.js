// A ticket's resume link (…?lucine_resume=<token>) reopens that ticket's conversation.

const RESUME_PARAMETER = 'lucine_resume';

/**
 * The token of a resume link, taken out of the address at once: a reload or a shared URL must
 * not spend the link again.
 * @returns {string | null}
 */
export function takeResumeToken() {
  const url = new URL(location.href);
  const token = url.searchParams.get(RESUME_PARAMETER);
  if (token === null) {
    return null;
  }
  url.searchParams.delete(RESUME_PARAMETER);
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  return token;
}

/**
 * Why a resume link did not work, in the page's language; the chat opens anyway, with no dead end.
 * @param {number} status the server's answer (0: no answer)
 * @param {import('./i18n/it.js').Texts} text
 * @returns {string}
 */
export function resumeRefusal(status, text) {
  if (status === 410) {
    return text.resumeExpired;
  }
  return status === 400 || status === 404 ? text.resumeInvalid : text.resumeFailed;
}
