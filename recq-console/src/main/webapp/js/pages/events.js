// The event log: filtered, newest first, a page at a time; an event's payload, metadata and correlation chain.
import { api, explain } from '../api.js';
import { h, keyed, patchChildren, debounce } from '../dom.js';
import { jsonView, localTime, relative, truncate } from '../format.js';
import { empty, facts } from '../ui.js';

const PAGE_SIZE = 50;
const CORRELATION = 'recq-correlation-id';
const CAUSATION = 'recq-causation-id';
const TRACE_PARENT = 'traceparent';
const FIELDS = [
  ['type', 'Event type', 'search', 'TodoAdded'],
  ['context', 'Context', 'search', 'default'],
  ['aggregateId', 'Aggregate id', 'search', ''],
  ['from', 'From', 'datetime-local', ''],
  ['to', 'To', 'datetime-local', ''],
  ['fromSequence', 'From seq.', 'number', ''],
  ['toSequence', 'To seq.', 'number', ''],
];

export default {
  title: 'Events',
  mount(root, params) {
    return new EventsPage(root, params);
  },
};

class EventsPage {
  constructor(root, params) {
    this.request = 0;
    this.before = null; // null: the newest page; else the `next` of the page before
    this.next = null;
    this.events = null;
    this.selected = null; // sequence
    this.inputs = {};
    const apply = debounce(() => this.apply(), 400);
    const fields = FIELDS.map(([name, label, type, placeholder]) => {
      const input = h('input', {
        type, name, placeholder, class: `filter-${name}`, min: type === 'number' ? 1 : null,
        value: params.query[name] || '', oninput: type === 'search' ? apply : null, onchange: () => this.apply(),
      });
      this.inputs[name] = input;
      return h('label', { class: `field field-${type}` }, h('span', null, label), input);
    });
    const form = h('form', { class: 'filter-bar', onsubmit: (e) => { e.preventDefault(); this.apply(); } },
      fields,
      h('div', { class: 'filter-actions' },
        h('button', { type: 'submit', class: 'btn btn-primary apply' }, 'Apply'),
        h('button', { type: 'button', class: 'btn clear', onclick: () => { Object.values(this.inputs).forEach((i) => { i.value = ''; }); this.apply(); } }, 'Clear')));
    this.applied = this.filters();

    this.tbody = h('tbody');
    this.tbody.addEventListener('click', (e) => {
      if (e.target.closest('a, button')) return;
      const row = e.target.closest('tr[data-sequence]');
      if (row) location.hash = `#/events/${row.dataset.sequence}`;
    });
    this.table = h('table', { class: 'table events-table' },
      h('thead', null, h('tr', null, ['Seq.', 'Stored at', 'Type', 'Aggregate', 'Context', 'Correlation'].map((x) => h('th', null, x)))),
      this.tbody);
    this.newest = h('button', { type: 'button', class: 'btn newest', disabled: true, onclick: () => this.page(null) }, '⇤ Newest');
    this.older = h('button', { type: 'button', class: 'btn older', disabled: true, onclick: () => this.page(this.next) }, 'Older →');
    this.range = h('span', { class: 'muted count' });
    this.emptyState = h('div', { hidden: true });
    this.panelHolder = h('div', { class: 'side' });
    root.append(
      h('div', { class: 'page-head' }, h('h1', null, 'Events'),
        h('p', { class: 'muted' }, 'The event log, newest first. Click an event for its payload, metadata and correlation chain.')),
      form,
      h('div', { class: 'split' },
        h('div', { class: 'split-main' },
          h('div', { class: 'table-wrap' }, this.table),
          this.emptyState,
          h('div', { class: 'pager' }, this.newest, this.range, this.older)),
        this.panelHolder));
    this.select(params.sequence);
  }

  route(params) {
    this.select(params.sequence);
    return true;
  }

  filters() {
    const f = {};
    for (const [name, , type] of FIELDS) {
      const v = this.inputs[name].value.trim();
      if (!v) continue;
      if (type === 'datetime-local') {
        // the browser's local time, sent as an instant
        const d = new Date(v);
        if (!Number.isNaN(d.getTime())) f[name] = d.toISOString();
      } else {
        f[name] = v;
      }
    }
    return f;
  }

  apply() {
    const f = this.filters();
    if (JSON.stringify(f) === JSON.stringify(this.applied)) return;
    this.applied = f;
    this.page(null);
  }

  page(before) {
    this.before = before;
    this.tbody.closest('.table-wrap').scrollTop = 0;
    this.refresh().catch(() => {});
  }

  async refresh() {
    const request = ++this.request;
    const [data] = await Promise.all([
      api('events', { params: { ...this.applied, before: this.before, max: PAGE_SIZE } }),
      this.refreshChain(),
    ]);
    if (request !== this.request) return;
    this.events = data.events || [];
    this.next = data.next ?? null;
    this.render();
  }

  render() {
    const events = this.events;
    keyed(this.tbody, events, (e) => e.sequence, (e) => h('tr', { class: 'clickable', dataset: { sequence: e.sequence } }),
      (row, e) => {
        row.classList.toggle('open', this.selected === String(e.sequence));
        patchChildren(row, [
          h('td', { class: 'num mono' }, `#${e.sequence}`),
          h('td', { title: e.storedAt }, localTime(e.storedAt), h('div', { class: 'muted small' }, relative(e.storedAt))),
          h('td', null, h('strong', null, e.type)),
          h('td', null, e.aggregateId
            ? [h('a', { href: `#/events/aggregate/${encodeURIComponent(e.aggregateId)}`, class: 'mono', title: 'Aggregate history' }, truncate(e.aggregateId, 28)),
              h('span', { class: 'muted small' }, ` v${e.aggregateVersion}`)]
            : h('span', { class: 'muted' }, '—')),
          h('td', null, e.context || '—'),
          h('td', { class: 'mono small', title: corr(e) || '' }, corr(e) ? shortId(corr(e)) : '—'),
        ]);
      });
    this.emptyState.hidden = events.length > 0;
    patchChildren(this.emptyState, [Object.keys(this.applied).length
      ? empty('No event matches these filters')
      : empty('No events yet', 'The log is empty.')]);
    this.newest.disabled = this.before == null;
    this.older.disabled = this.next == null;
    this.range.textContent = events.length
      ? `${this.before == null ? 'newest' : 'older'} · #${events[events.length - 1].sequence} – #${events[0].sequence} · ${events.length} event${events.length === 1 ? '' : 's'}`
      : '';
  }

  // ---- the selected event

  select(sequence) {
    const seq = sequence == null ? null : String(sequence);
    for (const row of this.tbody.rows) row.classList.toggle('open', row.dataset.sequence === seq);
    if (seq === this.selected) return;
    this.selected = seq;
    this.chainSignature = null;
    if (seq == null) {
      this.panelHolder.replaceChildren();
      return;
    }
    this.info = h('div', { class: 'panel-info' }, h('p', { class: 'muted' }, 'Loading…'));
    this.chain = h('div', { class: 'chain' }, h('p', { class: 'muted' }, 'Loading…'));
    this.panelHolder.replaceChildren(h('aside', { class: 'panel event-detail', dataset: { sequence: seq } },
      h('div', { class: 'panel-head' },
        h('div', { class: 'panel-title' }, `Event #${seq}`),
        h('a', { class: 'btn btn-icon panel-close', href: '#/events', title: 'Close' }, '×')),
      h('div', { class: 'panel-body' }, this.info,
        h('section', { class: 'panel-section' }, h('h3', null, 'Correlation chain'), this.chain))));
    api(`events/${encodeURIComponent(seq)}`).then((event) => {
      if (this.selected === seq) patchChildren(this.info, eventView(event));
    }).catch((e) => {
      if (this.selected === seq) patchChildren(this.info, [h('p', { class: 'error-text' }, explain(e))]);
    });
    this.refreshChain().catch(() => {});
  }

  async refreshChain() {
    const seq = this.selected;
    if (seq == null) return;
    let chain;
    try {
      chain = await api(`events/${encodeURIComponent(seq)}/chain`);
    } catch (e) {
      if (this.selected === seq) patchChildren(this.chain, [h('p', { class: 'error-text' }, explain(e))]);
      return;
    }
    if (this.selected !== seq) return;
    const signature = JSON.stringify(chain);
    if (signature === this.chainSignature) return;
    this.chainSignature = signature;
    patchChildren(this.chain, chainView(chain, seq));
  }
}

function corr(e) {
  return e.metadata && e.metadata[CORRELATION];
}

function shortId(id) {
  return id.length > 10 ? `${id.slice(0, 8)}…` : id;
}

// The trace that stored the event (telemetry on): W3C traceparent 00-<trace id>-<span id>-<flags>.
function trace(e) {
  const parts = e.metadata && e.metadata[TRACE_PARENT] ? e.metadata[TRACE_PARENT].split('-') : [];
  if (parts.length !== 4) {
    return null;
  }
  return [h('code', { class: 'trace-id' }, parts[1]), ' span ', h('code', null, parts[2])];
}

function eventView(e) {
  return [
    facts([
      ['Type', h('strong', null, e.type)],
      ['Sequence', `#${e.sequence}`],
      ['Stored at', `${localTime(e.storedAt)} (${relative(e.storedAt)})`],
      ['Aggregate', e.aggregateId ? [h('code', null, e.aggregateId), ` version ${e.aggregateVersion}`] : null],
      ['Context', e.context],
      ['Correlation', corr(e) ? h('code', null, corr(e)) : null],
      ['Caused by', e.metadata && e.metadata[CAUSATION] ? h('code', null, e.metadata[CAUSATION]) : null],
      ['Trace', trace(e)],
    ]),
    e.aggregateId ? h('p', null, h('a', { class: 'aggregate-link', href: `#/events/aggregate/${encodeURIComponent(e.aggregateId)}` }, 'Aggregate history →')) : null,
    h('section', { class: 'panel-section' }, h('h3', null, 'Payload'), jsonView(e.payload)),
    h('section', { class: 'panel-section' }, h('h3', null, 'Metadata'), jsonView(e.metadata)),
  ];
}

function chainView(chain, seq) {
  const events = chain.events || [];
  if (!events.length) return [h('p', { class: 'muted' }, 'No correlated event.')];
  return [
    chain.correlationId ? h('div', { class: 'muted small' }, 'Correlation id ', h('code', null, chain.correlationId)) : null,
    h('ol', { class: 'timeline chain-timeline' }, events.map((e) => h('li', {
      class: `timeline-item ${String(e.sequence) === seq ? 'current' : ''}`, dataset: { sequence: e.sequence },
    },
    h('div', { class: 'timeline-dot' }),
    h('div', { class: 'timeline-content' },
      h('div', null, h('a', { href: `#/events/${e.sequence}` }, h('strong', null, e.type)), h('span', { class: 'muted small' }, ` #${e.sequence} · ${localTime(e.storedAt)}`)),
      h('div', { class: 'small' }, e.aggregateId
        ? [h('span', { class: 'muted' }, 'aggregate '), h('a', { class: 'mono', href: `#/events/aggregate/${encodeURIComponent(e.aggregateId)}` }, e.aggregateId), h('span', { class: 'muted' }, ` v${e.aggregateVersion}`)]
        : h('span', { class: 'muted' }, 'no aggregate')),
      e.metadata && e.metadata[CAUSATION]
        ? h('div', { class: 'small muted' }, 'caused by ', h('code', { title: e.metadata[CAUSATION] }, shortId(e.metadata[CAUSATION])))
        : null)))),
  ];
}

