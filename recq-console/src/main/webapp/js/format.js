// Formatting of times, numbers and JSON.
import { h } from './dom.js';

// The difference between the server's clock and the browser's (from the overview's "at"), so that "3 s ago"
// is measured against the server that wrote the heartbeat, not against a possibly skewed desktop clock.
let skew = 0;

export function setServerTime(iso) {
  const at = Date.parse(iso);
  if (!Number.isNaN(at)) skew = at - Date.now();
}

export function now() {
  return Date.now() + skew;
}

/** Seconds since the instant (negative in the future), or null. */
export function ageSeconds(iso) {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : (now() - t) / 1000;
}

export function duration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60 ? `${s % 60} s` : ''}`.trim();
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
}

/** "3 s ago", "in 12 s", or "—". */
export function relative(iso) {
  const age = ageSeconds(iso);
  if (age == null) return '—';
  if (Math.abs(age) < 1) return 'now';
  const text = duration(Math.abs(age)).replace(/ \d+ s$/, '').replace(/ \d+ min$/, '').replace(/ \d+ h$/, '');
  return age >= 0 ? `${text} ago` : `in ${text}`;
}

/** A <time> showing the relative time, with the ISO instant in its title. */
export function timeAgo(iso, cls) {
  if (!iso) return h('span', { class: 'muted' }, '—');
  return h('time', { datetime: iso, title: iso, class: cls }, relative(iso));
}

/** Local date and time, "2026-12-04 13:00:05". */
export function localTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso || '—';
  const p = (n, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function num(n) {
  return n == null ? '—' : Number(n).toLocaleString('en-US');
}

export function simpleName(className) {
  if (!className) return '';
  const i = className.lastIndexOf('.');
  return i < 0 ? className : className.slice(i + 1);
}

export function truncate(text, max) {
  if (text == null) return '';
  const t = String(text);
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** JSON pretty-printed in a <pre class="json">, lightly highlighted with spans (text nodes only). */
export function jsonView(value, cls = '') {
  const text = value === undefined ? '—' : JSON.stringify(value, null, 2);
  const pre = h('pre', { class: `json ${cls}`.trim() });
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) pre.append(text.slice(last, m.index));
    if (m[1] !== undefined) {
      pre.append(h('span', { class: m[2] ? 'j-key' : 'j-str' }, m[1]));
      if (m[2]) pre.append(m[2]);
    } else {
      pre.append(h('span', { class: m[3] ? 'j-lit' : 'j-num' }, m[0]));
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) pre.append(text.slice(last));
  return pre;
}
