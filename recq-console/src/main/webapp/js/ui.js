// Shared widgets: badges, toasts, the confirmation dialog, the error banner, empty states.
import { h } from './dom.js';

export const COMPONENT_KINDS = ['aggregate', 'service', 'projector', 'projection', 'saga', 'observer'];

/** A pill coloured by component kind (aggregate, service, …, deployment) or message kind (command, event, query). */
export function kindBadge(kind) {
  const k = String(kind || 'unknown').toLowerCase();
  return h('span', { class: `badge kind kind-${k}`, title: k }, k);
}

/** A coloured dot and a name: a component of the given kind. */
export function component(kind, name, title) {
  const k = String(kind || 'unknown').toLowerCase();
  return h('span', { class: 'component', title: title || `${k} ${name}` },
    h('span', { class: `dot kind-${k}` }), name);
}

export function stateBadge(state, cls = '') {
  const k = String(state).toLowerCase().replace(/\s+/g, '-');
  return h('span', { class: `badge state state-${k} ${cls}`.trim() }, state);
}

export function empty(text, hint) {
  return h('div', { class: 'empty' }, h('div', { class: 'empty-title' }, text), hint ? h('div', { class: 'muted' }, hint) : null);
}

// ---- toasts

export function toast(message, kind = 'info') {
  const box = document.getElementById('toasts');
  const el = h('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('span', { class: 'toast-text' }, message),
    h('button', { class: 'toast-close', type: 'button', title: 'Dismiss', onclick: () => el.remove() }, '×'));
  box.append(el);
  setTimeout(() => el.remove(), kind === 'error' ? 10000 : 5000);
}

// ---- the error banner (load failures; cleared by the next successful load)

const bannerSources = new Map();

export function showError(source, message) {
  bannerSources.set(source, message);
  renderBanner();
}

export function clearError(source) {
  if (bannerSources.delete(source)) renderBanner();
}

export function clearAllErrors() {
  bannerSources.clear();
  renderBanner();
}

function renderBanner() {
  const banner = document.getElementById('banner');
  const messages = [...new Set(bannerSources.values())];
  banner.hidden = messages.length === 0;
  banner.replaceChildren(...messages.map((m) => h('div', { class: 'banner-line' }, m)));
}

// ---- the confirmation dialog (our own, so that a browser test can click its buttons)

/**
 * Asks for confirmation; resolves true (or the input's value when `input` is given) on OK, false on cancel.
 * @param {{title: string, message?: string|Node, ok?: string, danger?: boolean,
 *          input?: {label: string, type?: string, value?: string, min?: number}}} options
 */
export function confirmDialog({ title, message, ok = 'OK', danger = false, input }) {
  return new Promise((resolve) => {
    const previousFocus = document.activeElement;
    const field = input ? h('input', { type: input.type || 'text', value: input.value ?? '', min: input.min, class: 'confirm-input' }) : null;
    const close = (result) => {
      backdrop.remove();
      document.removeEventListener('keydown', onKey, true);
      if (previousFocus && previousFocus.focus) previousFocus.focus();
      resolve(result);
    };
    const accept = () => close(field ? field.value : true);
    const onKey = (e) => {
      if (e.key === 'Escape') { e.preventDefault(); close(false); }
      if (e.key === 'Enter' && (!field || document.activeElement === field)) { e.preventDefault(); accept(); }
    };
    const okButton = h('button', { type: 'button', class: `btn confirm-ok ${danger ? 'btn-danger' : 'btn-primary'}`, onclick: accept }, ok);
    const dialog = h('div', { class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-label': title },
      h('h2', null, title),
      message ? h('div', { class: 'modal-body' }, message) : null,
      field ? h('label', { class: 'modal-field' }, h('span', null, input.label), field) : null,
      h('div', { class: 'modal-actions' },
        h('button', { type: 'button', class: 'btn confirm-cancel', onclick: () => close(false) }, 'Cancel'),
        okButton));
    const backdrop = h('div', { class: 'modal-backdrop', onmousedown: (e) => { if (e.target === backdrop) close(false); } }, dialog);
    document.body.append(backdrop);
    document.addEventListener('keydown', onKey, true);
    (field || okButton).focus();
  });
}

/** A side panel's frame: a header with a title and a close button, and a body. */
export function panelFrame(title, onClose, ...body) {
  return h('aside', { class: 'panel' },
    h('div', { class: 'panel-head' },
      h('div', { class: 'panel-title' }, title),
      h('button', { type: 'button', class: 'btn btn-icon panel-close', title: 'Close', onclick: onClose }, '×')),
    h('div', { class: 'panel-body' }, ...body));
}

/** A definition list from [label, value] pairs (null values omitted). */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter((p) => p && p[1] != null && p[1] !== '')
    .map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}
