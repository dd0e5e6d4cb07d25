// DOM building without innerHTML: every string becomes a text node, so data is never parsed as markup.

const SVG_NS = 'http://www.w3.org/2000/svg';
const PROPERTIES = new Set(['value', 'checked', 'disabled', 'selected', 'open', 'indeterminate']);

function apply(el, attrs, svg) {
  if (!attrs) return;
  for (const [name, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (name === 'dataset') {
      for (const [k, v] of Object.entries(value)) if (v != null) el.dataset[k] = String(v);
    } else if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (!svg && PROPERTIES.has(name)) {
      el[name] = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** An HTML element: h('a', {href: '#/x', class: 'link'}, 'text', otherNode). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  apply(el, attrs, false);
  append(el, children);
  return el;
}

/** An SVG element, as h(). */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, attrs, true);
  append(el, children);
  return el;
}

/**
 * Replaces the children of `parent` that differ from `fresh` (compared by their markup), keeping the others
 * untouched: elements a user (or a browser test) holds, focuses or selects text in survive a refresh.
 */
export function patchChildren(parent, fresh) {
  const nodes = fresh.flat(Infinity).filter((n) => n != null && n !== false)
    .map((n) => (n instanceof Node ? n : document.createTextNode(String(n))));
  const old = Array.from(parent.childNodes);
  nodes.forEach((node, i) => {
    const current = old[i];
    if (!current) parent.append(node);
    else if (!same(current, node)) current.replaceWith(node);
  });
  for (let i = nodes.length; i < old.length; i++) old[i].remove();
}

function same(a, b) {
  if (a.nodeType !== b.nodeType) return false;
  if (a.nodeType === Node.TEXT_NODE) return a.data === b.data;
  return a.outerHTML === b.outerHTML;
}

/**
 * Keyed reconciliation of `parent`'s children with `items`: an item's element is created once (create), kept
 * while its key exists, updated in place (update) and moved into order; elements of gone keys are removed.
 */
export function keyed(parent, items, keyOf, create, update) {
  const existing = new Map();
  let previous = null; // children marked data-static (a <thead>) stay first
  for (const el of Array.from(parent.children)) {
    if (el.hasAttribute('data-static')) previous = el;
    else if (el.__key !== undefined) existing.set(el.__key, el);
    else el.remove();
  }
  for (const item of items) {
    const key = String(keyOf(item));
    let el = existing.get(key);
    if (el) existing.delete(key);
    else {
      el = create(item);
      el.__key = key;
    }
    update(el, item);
    const wanted = previous ? previous.nextSibling : parent.firstChild;
    if (wanted !== el) parent.insertBefore(el, wanted);
    previous = el;
  }
  existing.forEach((el) => el.remove());
}

/** Calls fn at most once per `ms`, with the last arguments. */
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** The CSS attribute-selector form of a value: for querySelector('[data-x="..."]'). */
export function cssValue(value) {
  return CSS.escape(String(value));
}
