// Dead letters: the events a consumer failed to handle (and, on a tab of their own, dead commands).
// Admins retry and delete them, one by one or selected in bulk; operators only see them.
import { api, explain, ApiError } from '../api.js';
import { h, keyed, patchChildren, debounce } from '../dom.js';
import { jsonView, localTime, num, simpleName, truncate, timeAgo } from '../format.js';
import { href, replaceHash } from '../router.js';
import { confirmDialog, empty, facts, toast } from '../ui.js';
import { DeadCommands } from './dead-commands.js';

const MAX = 500;

export default {
  title: 'Dead letters',
  mount(root, params, ctx) {
    return new DeadLettersPage(root, params, ctx);
  },
};

/** The page: two tabs, dead events (the default) and dead commands. */
class DeadLettersPage {
  constructor(root, params, ctx) {
    this.root = root;
    this.ctx = ctx;
    this.tabs = h('div', { class: 'tabs', role: 'tablist' });
    this.body = h('div', { class: 'tab-body' });
    root.append(
      h('div', { class: 'page-head' }, h('h1', null, 'Dead letters'),
        h('p', { class: 'muted' }, 'What could not be handled: events a consumer gave up on, and commands no handler accepted. '
          + (ctx.me.admin ? 'Retry them once the cause is mended, or delete them.' : 'Only recq-admin may retry or delete them.'))),
      this.tabs, this.body);
    this.show(params);
  }

  show(params) {
    const tab = params.query.tab === 'commands' ? 'commands' : 'events';
    patchChildren(this.tabs, [
      h('a', { class: `tab ${tab === 'events' ? 'active' : ''}`, role: 'tab', href: href('dead-letters'), 'aria-selected': String(tab === 'events') }, 'Dead events'),
      h('a', { class: `tab ${tab === 'commands' ? 'active' : ''}`, role: 'tab', href: href('dead-letters', { tab: 'commands' }), 'aria-selected': String(tab === 'commands') }, 'Dead commands'),
    ]);
    if (this.tab !== tab) {
      this.tab = tab;
      this.body.replaceChildren();
      this.current = tab === 'events' ? new DeadEvents(this.body, params, this.ctx) : new DeadCommands(this.body, params, this.ctx);
    } else if (this.current.route) {
      this.current.route(params);
    }
  }

  route(params) {
    this.show(params);
    return true;
  }

  refresh() {
    return this.current.refresh();
  }
}

class DeadEvents {
  constructor(root, params, ctx) {
    this.ctx = ctx;
    this.admin = ctx.me.admin;
    this.request = 0;
    this.entries = null;
    this.selected = new Set();
    this.openId = null;
    this.knownConsumers = new Set();

    this.consumer = h('select', { class: 'consumer-filter', 'aria-label': 'Consumer', onchange: () => this.filtersChanged() },
      h('option', { value: '' }, 'All consumers'));
    this.type = h('input', {
      type: 'search', class: 'type-filter', placeholder: 'Event type, e.g. TodoAdded', 'aria-label': 'Event type',
      oninput: debounce(() => this.filtersChanged(), 300),
    });
    this.count = h('span', { class: 'muted count' });
    const toolbar = h('div', { class: 'toolbar' }, this.consumer, this.type, this.count);
    if (this.admin) {
      this.retrySelected = h('button', { type: 'button', class: 'btn retry-selected', disabled: true, onclick: () => this.bulkRetry() }, 'Retry selected');
      this.deleteSelected = h('button', { type: 'button', class: 'btn btn-danger-outline delete-selected', disabled: true, onclick: () => this.bulkDelete() }, 'Delete selected');
      toolbar.append(h('div', { class: 'toolbar-right' }, this.retrySelected, this.deleteSelected));
    }
    this.selectAll = this.admin ? h('input', { type: 'checkbox', class: 'select-all', 'aria-label': 'Select all', onchange: () => this.toggleAll() }) : null;
    this.tbody = h('tbody');
    this.table = h('table', { class: 'table dead-table' },
      h('thead', null, h('tr', null,
        this.admin ? h('th', { class: 'check' }, this.selectAll) : null,
        ['Type', 'Consumer', 'Seq.', 'Handler', 'Error', 'Attempts', 'Dead since'].map((x) => h('th', null, x)))),
      this.tbody);
    this.tbody.addEventListener('change', (e) => {
      const box = e.target.closest('input.select');
      if (!box) return;
      const id = Number(box.closest('tr').dataset.deadId);
      if (box.checked) this.selected.add(id);
      else this.selected.delete(id);
      this.syncSelection();
    });
    this.tbody.addEventListener('click', (e) => {
      if (e.target.closest('input, a, button, label')) return;
      const row = e.target.closest('tr[data-dead-id]');
      if (row) this.open(Number(row.dataset.deadId));
    });
    this.emptyState = h('div', { hidden: true });
    this.panelHolder = h('div', { class: 'side' });
    root.append(toolbar, h('div', { class: 'split' },
      h('div', { class: 'split-main' }, h('div', { class: 'table-wrap' }, this.table), this.emptyState),
      this.panelHolder));

    if (params.query.consumer) this.knownConsumers.add(params.query.consumer);
    this.fillConsumers();
    this.consumer.value = params.query.consumer || '';
    this.type.value = params.query.type || '';
    // the consumers to choose from: every consumer known, not only those with dead letters now
    api('consumers').then((data) => {
      (data.consumers || []).forEach((c) => this.knownConsumers.add(c.id));
      this.fillConsumers();
    }).catch(() => {});
  }

  route(params) {
    const consumer = params.query.consumer || '';
    if (consumer && !this.knownConsumers.has(consumer)) {
      this.knownConsumers.add(consumer);
      this.fillConsumers();
    }
    this.consumer.value = consumer;
    this.type.value = params.query.type || '';
  }

  filtersChanged() {
    replaceHash(href('dead-letters', { consumer: this.consumer.value, type: this.type.value.trim() }));
    this.refresh().catch((e) => toast(explain(e), 'error'));
  }

  fillConsumers() {
    const value = this.consumer.value;
    const ids = [...this.knownConsumers].sort();
    const current = Array.from(this.consumer.options).slice(1).map((o) => o.value);
    if (current.join('\n') === ids.join('\n')) return;
    this.consumer.replaceChildren(h('option', { value: '' }, 'All consumers'), ...ids.map((id) => h('option', { value: id }, id)));
    this.consumer.value = value;
  }

  async refresh() {
    const request = ++this.request;
    const params = { consumer: this.consumer.value, type: this.type.value.trim(), max: MAX };
    const [entries] = await Promise.all([api('dead-events', { params }), this.loadDetail()]);
    if (request !== this.request) return;
    this.entries = entries || [];
    this.render();
  }

  render() {
    const entries = this.entries;
    let grew = false;
    for (const e of entries) if (!this.knownConsumers.has(e.consumer)) { this.knownConsumers.add(e.consumer); grew = true; }
    if (grew) this.fillConsumers();
    const ids = new Set(entries.map((e) => e.id));
    for (const id of [...this.selected]) if (!ids.has(id)) this.selected.delete(id);

    keyed(this.tbody, entries, (e) => e.id, (e) => h('tr', { class: 'clickable', dataset: { deadId: e.id } }),
      (row, e) => patchChildren(row, this.cells(e)));
    this.syncSelection();
    const filtered = this.consumer.value || this.type.value.trim();
    this.count.textContent = `${entries.length === MAX ? `first ${MAX}` : num(entries.length)} dead letter${entries.length === 1 ? '' : 's'}`;
    this.emptyState.hidden = entries.length > 0;
    patchChildren(this.emptyState, [filtered
      ? empty('No dead letter matches these filters')
      : empty('No dead letters — everything was handled', 'An event lands here when a consumer has failed to handle it too many times.')]);
  }

  cells(e) {
    return [
      this.admin ? h('td', { class: 'check' }, h('input', { type: 'checkbox', class: 'select', 'aria-label': `Select dead letter ${e.id}`, checked: this.selected.has(e.id) })) : null,
      h('td', null, h('strong', null, e.eventType), e.retryRequested ? h('span', { class: 'badge state-pending', title: 'A retry has been requested' }, 'retry requested') : null),
      h('td', { class: 'consumer-cell', title: e.consumer }, consumerName(e.consumer)),
      h('td', { class: 'num' }, h('a', { href: `#/events/${e.sequence}`, title: 'The event in the log' }, `#${e.sequence}`)),
      h('td', { class: 'mono small handler-cell', title: e.handler || '' }, shortHandler(e.handler)),
      h('td', { class: 'error-cell', title: `${e.errorClass || ''}: ${e.errorMessage || ''}` },
        h('div', { class: 'error-class' }, simpleName(e.errorClass) || '—'),
        h('div', { class: 'muted small' }, truncate(e.errorMessage, 80))),
      h('td', { class: 'num' }, num(e.attempts)),
      h('td', null, timeAgo(e.deadSince)),
    ];
  }

  syncSelection() {
    for (const row of this.tbody.rows) {
      const id = Number(row.dataset.deadId);
      row.classList.toggle('selected', this.selected.has(id));
      row.classList.toggle('open', this.openId === id);
      const box = row.querySelector('input.select');
      if (box) box.checked = this.selected.has(id);
    }
    if (!this.admin) return;
    const n = this.selected.size;
    this.retrySelected.disabled = n === 0;
    this.deleteSelected.disabled = n === 0;
    this.retrySelected.textContent = n ? `Retry selected (${n})` : 'Retry selected';
    this.deleteSelected.textContent = n ? `Delete selected (${n})` : 'Delete selected';
    const total = this.tbody.rows.length;
    this.selectAll.checked = total > 0 && n === total;
    this.selectAll.indeterminate = n > 0 && n < total;
  }

  toggleAll() {
    if (this.selectAll.checked) this.entries.forEach((e) => this.selected.add(e.id));
    else this.selected.clear();
    this.syncSelection();
  }

  // ---- the detail panel: built once per dead letter, its facts patched on each refresh

  open(id) {
    if (this.openId === id) return;
    this.openId = id;
    this.detail = null;
    this.detailState = 'loading';
    this.info = h('div', { class: 'panel-info' }, h('p', { class: 'muted' }, 'Loading…'));
    const actions = this.admin ? h('div', { class: 'panel-actions' },
      h('button', { type: 'button', class: 'btn btn-primary retry', onclick: (ev) => this.retry(id, ev.currentTarget) }, 'Retry'),
      h('button', { type: 'button', class: 'btn btn-danger-outline delete', onclick: () => this.remove(id) }, 'Delete')) : null;
    this.panelHolder.replaceChildren(h('aside', { class: 'panel dead-detail', dataset: { deadId: id } },
      h('div', { class: 'panel-head' },
        h('div', { class: 'panel-title' }, `Dead letter #${id}`),
        h('button', { type: 'button', class: 'btn btn-icon panel-close', title: 'Close', onclick: () => this.close() }, '×')),
      actions,
      h('div', { class: 'panel-body' }, this.info)));
    this.syncSelection();
    this.loadDetail().catch((e) => patchChildren(this.info, [h('p', { class: 'error-text' }, explain(e))]));
  }

  close() {
    this.openId = null;
    this.panelHolder.replaceChildren();
    this.syncSelection();
  }

  async loadDetail() {
    const id = this.openId;
    if (id == null) return;
    let detail;
    try {
      detail = await api(`dead-events/${id}`);
    } catch (e) {
      if (this.openId !== id) return;
      if (e instanceof ApiError && e.status === 404) {
        patchChildren(this.info, [empty('This dead letter is gone', 'It was handled or deleted.')]);
        this.panelHolder.querySelectorAll('.panel-actions button').forEach((b) => { b.disabled = true; });
        return;
      }
      throw e;
    }
    if (this.openId !== id) return;
    const view = detailView(detail);
    // keep the stack trace as the user left it, open or closed
    const before = this.info.querySelector('details.stack');
    const after = view.flat(Infinity).find((n) => n && n.querySelector && n.querySelector('details.stack'));
    if (before && after) after.querySelector('details.stack').open = before.open;
    patchChildren(this.info, view);
  }

  // ---- operations

  async retry(id, button) {
    if (button) button.disabled = true;
    try {
      const result = await api(`dead-events/${id}/retry`, { method: 'POST' });
      reportRetry(result);
      if (result.outcome === 'handled' && this.openId === id) this.close();
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        toast('Already gone: it was handled or deleted', 'info');
        if (this.openId === id) this.close();
      } else {
        toast(explain(e, true), 'error');
      }
    } finally {
      if (button) button.disabled = false;
    }
    this.ctx.refreshNow();
  }

  async remove(id) {
    const entry = (this.entries || []).find((e) => e.id === id);
    const ok = await confirmDialog({
      title: `Delete dead letter #${id}?`,
      message: h('p', null, entry ? [`The event #${entry.sequence} (${entry.eventType}) will never be handled by `, h('code', null, entry.consumer), '. '] : '',
        'The event itself stays in the log.'),
      ok: 'Delete',
      danger: true,
    });
    if (!ok) return;
    try {
      await api(`dead-events/${id}`, { method: 'DELETE' });
      toast(`Deleted dead letter #${id}`, 'success');
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) toast('Already gone: it was handled or deleted', 'info');
      else toast(explain(e, true), 'error');
    }
    this.selected.delete(id);
    if (this.openId === id) this.close();
    this.ctx.refreshNow();
  }

  async bulkRetry() {
    const ids = [...this.selected];
    if (!ids.length) return;
    const ok = await confirmDialog({
      title: `Retry ${ids.length} dead letter${ids.length === 1 ? '' : 's'}?`,
      message: h('p', null, 'Each is handed to the service that runs its consumer, one after the other.'),
      ok: 'Retry',
    });
    if (!ok) return;
    this.retrySelected.disabled = true;
    try {
      const results = (await api('dead-events/retry', { method: 'POST', body: { ids } })) || [];
      const counts = {};
      results.forEach((r) => { counts[r.outcome] = (counts[r.outcome] || 0) + 1; });
      const parts = [];
      if (counts.handled) parts.push(`${counts.handled} handled`);
      if (counts.failed) parts.push(`${counts.failed} failed again`);
      if (counts.pending) parts.push(`${counts.pending} requested (the owning service will retry)`);
      if (counts.gone) parts.push(`${counts.gone} already gone`);
      toast(`Retried ${results.length}: ${parts.join(', ') || 'nothing'}`, counts.failed ? 'warn' : 'success');
      results.filter((r) => r.outcome !== 'failed' && r.outcome !== 'pending').forEach((r) => this.selected.delete(r.id));
      if (this.openId != null && results.some((r) => r.id === this.openId && (r.outcome === 'handled' || r.outcome === 'gone'))) this.close();
    } catch (e) {
      toast(explain(e, true), 'error');
    }
    this.ctx.refreshNow();
  }

  async bulkDelete() {
    const ids = [...this.selected];
    if (!ids.length) return;
    const ok = await confirmDialog({
      title: `Delete ${ids.length} dead letter${ids.length === 1 ? '' : 's'}?`,
      message: h('p', null, 'Their events will never be handled by these consumers. The events themselves stay in the log.'),
      ok: 'Delete',
      danger: true,
    });
    if (!ok) return;
    try {
      const result = await api('dead-events/delete', { method: 'POST', body: { ids } });
      toast(`Deleted ${result ? result.deleted : ids.length} dead letter${result && result.deleted === 1 ? '' : 's'}`, 'success');
      if (this.openId != null && ids.includes(this.openId)) this.close();
      this.selected.clear();
    } catch (e) {
      toast(explain(e, true), 'error');
    }
    this.ctx.refreshNow();
  }
}

function reportRetry(result) {
  switch (result.outcome) {
    case 'handled':
      toast('Retried: handled', 'success');
      break;
    case 'failed':
      toast(`Retry failed again: ${(result.entry && result.entry.errorMessage) || result.message || 'see the failure'}`, 'error');
      break;
    case 'pending':
      toast('Retry requested: the owning service will retry it', 'info');
      break;
    default:
      toast(`Retry: ${result.outcome}`, 'info');
  }
}

/** "Projector:PoisonProjector:v1:*" as PoisonProjector with its version and context. */
function consumerName(id) {
  const [kind, name, version, context] = String(id).split(':');
  if (!name) return id;
  return [h('div', null, name), h('div', { class: 'muted small' }, [kind.toLowerCase(), version, context === '*' ? null : context].filter(Boolean).join(' · '))];
}

function shortHandler(handler) {
  if (!handler) return '—';
  const [cls, method] = handler.split('#');
  return method ? `${simpleName(cls)}#${method}` : simpleName(cls);
}

function detailView(d) {
  const event = d.event;
  return [
    facts([
      ['Consumer', h('code', null, d.consumer)],
      ['Event', [h('strong', null, d.eventType), ' ', h('a', { href: `#/events/${d.sequence}` }, `#${d.sequence}`)]],
      ['Handler', d.handler ? h('code', null, d.handler) : null],
      ['Attempts', num(d.attempts)],
      ['Dead since', d.deadSince ? `${localTime(d.deadSince)} (${timeAgo(d.deadSince).textContent})` : null],
      ['Last attempt', d.lastAttempt ? `${localTime(d.lastAttempt)} (${timeAgo(d.lastAttempt).textContent})` : null],
      ['Retry requested', d.retryRequested ? 'yes' : null],
    ]),
    h('section', { class: 'panel-section failure' },
      h('h3', null, 'Failure'),
      h('div', { class: 'error-class mono' }, d.errorClass || '—'),
      h('div', { class: 'error-message' }, d.errorMessage || ''),
      d.stackTrace ? h('details', { class: 'stack', open: true }, h('summary', null, 'Stack trace'), h('pre', { class: 'stacktrace' }, d.stackTrace)) : null),
    event ? [
      h('section', { class: 'panel-section' }, h('h3', null, 'Payload'), jsonView(event.payload)),
      h('section', { class: 'panel-section' }, h('h3', null, 'Metadata'), jsonView(event.metadata)),
      event.aggregateId ? h('p', null, h('a', { href: `#/events/aggregate/${encodeURIComponent(event.aggregateId)}` }, `Aggregate history of ${event.aggregateId}`)) : null,
    ] : h('p', { class: 'muted' }, 'The event is no longer in the log.'),
  ];
}
