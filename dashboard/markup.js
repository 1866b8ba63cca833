// Each view's markup is its own file (views/<name>.html), beside its module, so that index.html
// stays the shell: header, login, tabs. An element of index.html names the files it holds
// (data-markup="views/chat.html"); they are fetched from this server and put in place before any
// module looks an element up (dom.js imports this module, and waits for it). They are our own
// static files, parsed inert (no script runs), never text from a server's answer or a visitor.
// index.html loads this module first, so the fetches run while the other modules load.

/**
 * One view's markup, as nodes of this document.
 * @param {string} path
 * @returns {Promise<Node[]>}
 */
async function fragment(path) {
  const response = await fetch(path);
  if (!response.ok) {
    throw new Error(path + ' did not load: ' + response.status);
  }
  const parsed = new DOMParser().parseFromString(await response.text(), 'text/html');
  return Array.from(parsed.body.childNodes, (node) => document.adoptNode(node));
}

/** @param {HTMLElement} holder */
async function fill(holder) {
  const paths = (holder.dataset.markup || '').split(' ').filter(Boolean);
  const parts = await Promise.all(paths.map(fragment));
  holder.replaceChildren(...parts.flat());
}

await Promise.all(Array.from(document.querySelectorAll('[data-markup]'), (holder) => fill(/** @type {HTMLElement} */ (holder))));
// Marks the file as a module for the type-checker (the browser loads it as one).
export {};
