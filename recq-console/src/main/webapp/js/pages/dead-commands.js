// The dead-commands tab of the dead letters page: commands no handler accepted, from every service's queue.
import { api, explain, ApiError } from '../api.js';
import { h, keyed, patchChildren, debounce } from '../dom.js';
import { jsonView, localTime, num, truncate, timeAgo } from '../format.js';
import { href, replaceHash } from '../router.js';
import { confirmDialog, empty, facts, toast } from '../ui.js';

const MAX = 500;
const keyOf = (c) => `${c.service}/${c.messageId}`;

export class DeadCommands {
  constructor(root, params, ctx) {
    this.ctx = ctx;
    this.admin = ctx.me.admin;
    this.request = 0;
    this.entries = null;
    this.selected = new Set();
    this.openKey = null;
    this.services = new Set();

    this.service = h('select', { class: 'service-filter', 'aria-label': 'Service', onchange: () => this.filtersChanged() },
      h('option', { value: '' }, 'All services'));
    this.type = h('input', {
      type: 'search', class: 'command-type-filter', placeholder: 'Command type, e.g. CreateTodoList', 'aria-label': 'Command type',
      oninput: debounce(() => this.filtersChanged(), 300),
    });
    this.count = h('span', { class: 'muted count' });
    const toolbar = h('div', { class: 'toolbar' }, this.service, this.type, this.count);
    if (this.admin) {
      this.retrySelected = h('button', { type: 'button', class: 'btn retry-commands-selected', disabled: true, onclick: () => this.bulk('retry') }, 'Retry selected');
      this.deleteSelected = h('button', { type: 'button', class: 'btn btn-danger-outline delete-commands-selected', disabled: true, onclick: () => this.bulk('delete') }, 'Delete selected');
      toolbar.append(h('div', { class: 'toolbar-right' }, this.retrySelected, this.deleteSelected));
    }
    this.tbody = h('tbody');
    this.table = h('table', { class: 'table dead-commands-table' },
      h('thead', null, h('tr', null, this.admin ? h('th', { class: 'check' }) : null,
        ['Command', 'Service', 'Routing key', 'Reason', 'Deliveries', 'Dead since'].map((x) => h('th', null, x)))),
      this.tbody);
    this.tbody.addEventListener('change', (e) => {
      const box = e.target.closest('input.select');
      if (!box) return;
      const key = box.closest('tr').dataset.deadCommand;
      if (box.checked) this.selected.add(key);
      else this.selected.delete(key);
      this.sync();
    });
    this.tbody.addEventListener('click', (e) => {
      if (e.target.closest('input, a, button')) return;
      const row = e.target.closest('tr[data-dead-command]');
      if (row) this.open(row.dataset.deadCommand);
    });
    this.emptyState = h('div', { hidden: true });
    this.panelHolder = h('div', { class: 'side' });
    root.append(toolbar, h('div', { class: 'split' },
      h('div', { class: 'split-main' }, h('div', { class: 'table-wrap' }, this.table), this.emptyState),
      this.panelHolder));
    if (params.query.service) this.services.add(params.query.service);
    this.fillServices();
    this.service.value = params.query.service || '';
    api('instances').then((list) => {
      (list || []).forEach((i) => this.services.add(i.service));
      this.fillServices();
    }).catch(() => {});
  }

  filtersChanged() {
    replaceHash(href('dead-letters', { tab: 'commands', service: this.service.value, type: this.type.value.trim() }));
    this.refresh().catch((e) => toast(explain(e), 'error'));
  }

  fillServices() {
    const value = this.service.value;
    const names = [...this.services].sort();
    const current = Array.from(this.service.options).slice(1).map((o) => o.value);
    if (current.join('\n') === names.join('\n')) return;
    this.service.replaceChildren(h('option', { value: '' }, 'All services'), ...names.map((n) => h('option', { value: n }, n)));
    this.service.value = value;
  }

  async refresh() {
    const request = ++this.request;
    const entries = await api('dead-commands', { params: { service: this.service.value, type: this.type.value.trim(), max: MAX } });
    if (request !== this.request) return;
    this.entries = entries || [];
    let grew = false;
    this.entries.forEach((c) => { if (!this.services.has(c.service)) { this.services.add(c.service); grew = true; } });
    if (grew) this.fillServices();
    const keys = new Set(this.entries.map(keyOf));
    for (const k of [...this.selected]) if (!keys.has(k)) this.selected.delete(k);
    keyed(this.tbody, this.entries, keyOf, (c) => h('tr', { class: 'clickable', dataset: { deadCommand: keyOf(c) } }),
      (row, c) => patchChildren(row, [
        this.admin ? h('td', { class: 'check' }, h('input', { type: 'checkbox', class: 'select', checked: this.selected.has(keyOf(c)) })) : null,
        h('td', null, h('strong', null, c.commandType || '—'), h('div', { class: 'mono small muted' }, c.messageId)),
        h('td', null, c.service),
        h('td', { class: 'mono small' }, c.routingKey || '—'),
        h('td', { class: 'small', title: c.reason || '' }, truncate(c.reason, 90) || '—'),
        h('td', { class: 'num' }, num(c.deliveries)),
        h('td', null, timeAgo(c.deadSince)),
      ]));
    this.sync();
    this.count.textContent = `${num(this.entries.length)} dead command${this.entries.length === 1 ? '' : 's'}`;
    this.emptyState.hidden = this.entries.length > 0;
    patchChildren(this.emptyState, [this.service.value || this.type.value.trim()
      ? empty('No dead command matches these filters')
      : empty('No dead commands — every command found its handler', 'A command lands here when it could not be delivered or handled.')]);
    if (this.openKey) {
      const entry = this.entries.find((c) => keyOf(c) === this.openKey);
      if (entry) patchChildren(this.info, commandView(entry));
      else {
        patchChildren(this.info, [empty('This dead command is gone', 'It was retried or deleted.')]);
        this.panelHolder.querySelectorAll('.panel-actions button').forEach((b) => { b.disabled = true; });
      }
    }
  }

  sync() {
    for (const row of this.tbody.rows) {
      const key = row.dataset.deadCommand;
      row.classList.toggle('selected', this.selected.has(key));
      row.classList.toggle('open', this.openKey === key);
      const box = row.querySelector('input.select');
      if (box) box.checked = this.selected.has(key);
    }
    if (!this.admin) return;
    const n = this.selected.size;
    this.retrySelected.disabled = n === 0;
    this.deleteSelected.disabled = n === 0;
    this.retrySelected.textContent = n ? `Retry selected (${n})` : 'Retry selected';
    this.deleteSelected.textContent = n ? `Delete selected (${n})` : 'Delete selected';
  }

  open(key) {
    if (this.openKey === key) return;
    const entry = this.entries.find((c) => keyOf(c) === key);
    if (!entry) return;
    this.openKey = key;
    this.info = h('div', { class: 'panel-info' }, commandView(entry));
    this.panelHolder.replaceChildren(h('aside', { class: 'panel dead-command-detail' },
      h('div', { class: 'panel-head' },
        h('div', { class: 'panel-title' }, `Dead command ${entry.commandType || ''}`),
        h('button', { type: 'button', class: 'btn btn-icon panel-close', title: 'Close', onclick: () => this.close() }, '×')),
      this.admin ? h('div', { class: 'panel-actions' },
        h('button', { type: 'button', class: 'btn btn-primary retry-command', onclick: () => this.retry(entry) }, 'Retry'),
        h('button', { type: 'button', class: 'btn btn-danger-outline delete-command', onclick: () => this.remove(entry) }, 'Delete')) : null,
      h('div', { class: 'panel-body' }, this.info)));
    this.sync();
  }

  close() {
    this.openKey = null;
    this.panelHolder.replaceChildren();
    this.sync();
  }

  path(entry) {
    return `dead-commands/${encodeURIComponent(entry.service)}/${encodeURIComponent(entry.messageId)}`;
  }

  async retry(entry) {
    try {
      await api(`${this.path(entry)}/retry`, { method: 'POST' });
      toast('Sent again: the command goes to its handler once more', 'success');
      this.close();
    } catch (e) {
      toast(e instanceof ApiError && e.status === 404 ? 'Already gone: it was retried or deleted' : explain(e, true), e.status === 404 ? 'info' : 'error');
    }
    this.ctx.refreshNow();
  }

  async remove(entry) {
    const ok = await confirmDialog({
      title: 'Delete this dead command?',
      message: h('p', null, 'The command ', h('strong', null, entry.commandType || entry.messageId), ` of ${entry.service} will never be handled.`),
      ok: 'Delete',
      danger: true,
    });
    if (!ok) return;
    try {
      await api(this.path(entry), { method: 'DELETE' });
      toast('Deleted the dead command', 'success');
    } catch (e) {
      toast(e instanceof ApiError && e.status === 404 ? 'Already gone: it was retried or deleted' : explain(e, true), e.status === 404 ? 'info' : 'error');
    }
    this.selected.delete(keyOf(entry));
    if (this.openKey === keyOf(entry)) this.close();
    this.ctx.refreshNow();
  }

  async bulk(operation) {
    const items = this.entries.filter((c) => this.selected.has(keyOf(c))).map((c) => ({ service: c.service, messageId: c.messageId }));
    if (!items.length) return;
    const ok = await confirmDialog({
      title: `${operation === 'retry' ? 'Retry' : 'Delete'} ${items.length} dead command${items.length === 1 ? '' : 's'}?`,
      message: h('p', null, operation === 'retry' ? 'Each is sent again to its handler.' : 'They will never be handled.'),
      ok: operation === 'retry' ? 'Retry' : 'Delete',
      danger: operation === 'delete',
    });
    if (!ok) return;
    try {
      const result = await api(`dead-commands/${operation}`, { method: 'POST', body: { items } });
      toast(operation === 'retry' ? `Sent again: ${result ? result.retried : items.length}` : `Deleted ${result ? result.deleted : items.length}`, 'success');
      this.selected.clear();
      if (this.openKey && items.some((i) => `${i.service}/${i.messageId}` === this.openKey)) this.close();
    } catch (e) {
      toast(explain(e, true), 'error');
    }
    this.ctx.refreshNow();
  }
}

function commandView(c) {
  return [
    facts([
      ['Command', h('strong', null, c.commandType || '—')],
      ['Service', c.service],
      ['Message id', h('code', null, c.messageId)],
      ['Routing key', c.routingKey ? h('code', null, c.routingKey) : null],
      ['Deliveries', num(c.deliveries)],
      ['Sent at', c.sentAt ? localTime(c.sentAt) : null],
      ['Dead since', c.deadSince ? `${localTime(c.deadSince)} (${timeAgo(c.deadSince).textContent})` : null],
    ]),
    h('section', { class: 'panel-section failure' }, h('h3', null, 'Reason'), h('div', { class: 'error-message' }, c.reason || '—')),
    h('section', { class: 'panel-section' }, h('h3', null, 'Payload'), jsonView(c.payload)),
    h('section', { class: 'panel-section' }, h('h3', null, 'Metadata'), jsonView(c.metadata)),
  ];
}
