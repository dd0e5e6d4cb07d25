// The event consumers: position against the head, lag, state, lease, throughput and time left, dead events.
import { api, explain } from '../api.js';
import { h, keyed, patchChildren } from '../dom.js';
import { duration, num } from '../format.js';
import { href } from '../router.js';
import { kindBadge, stateBadge, empty, toast, confirmDialog } from '../ui.js';

export default {
  title: 'Consumers',
  mount(root, params, ctx) {
    return new ConsumersPage(root, ctx);
  },
};

class ConsumersPage {
  constructor(root, ctx) {
    this.ctx = ctx;
    this.samples = new Map(); // consumer id -> {position, at, rate}: the previous poll, for the throughput
    const headers = ['Consumer', 'Service', 'Position / head', 'Lag', 'State', 'Lease holder', 'Throughput · ETA', 'Dead'];
    if (ctx.me.admin) headers.push('');
    this.table = h('table', { class: 'table consumers-table' },
      h('thead', { 'data-static': true }, h('tr', null, headers.map((x) => h('th', null, x)))),
      this.body = h('tbody'));
    this.body.addEventListener('click', (e) => {
      const button = e.target.closest('button.replay');
      if (button) this.replay(button.closest('tr').dataset.consumer);
    });
    this.summary = h('span', { class: 'muted count' });
    this.emptyState = h('div', { hidden: true }, empty('No consumer', 'No projector, saga or observer has registered yet.'));
    root.append(
      h('div', { class: 'page-head' }, h('h1', null, 'Consumers'),
        h('p', { class: 'muted' }, 'Each projector, saga and observer: how far it has read the event log. '
          + 'Throughput and time left are measured between two refreshes.')),
      h('div', { class: 'toolbar' }, this.summary),
      h('div', { class: 'table-wrap' }, this.table),
      this.emptyState);
  }

  async refresh() {
    const data = await api('consumers');
    const consumers = data.consumers || [];
    const at = Date.parse(data.at) || Date.now();
    const head = data.head ?? 0;
    const measured = new Map();
    for (const c of consumers) {
      const previous = this.samples.get(c.id);
      let rate = null;
      if (previous && at > previous.at) {
        const delta = c.position - previous.position;
        // a replay moves the position back: no rate until two positions of the new run
        if (delta >= 0) {
          const instant = delta / ((at - previous.at) / 1000);
          rate = previous.rate == null ? instant : 0.5 * instant + 0.5 * previous.rate;
        }
      } else if (previous) {
        rate = previous.rate;
      }
      measured.set(c.id, { known: !!previous, rate });
      this.samples.set(c.id, { position: c.position, at: previous && at <= previous.at ? previous.at : at, rate });
    }
    for (const id of [...this.samples.keys()]) if (!consumers.some((c) => c.id === id)) this.samples.delete(id);

    keyed(this.body, consumers, (c) => c.id, (c) => h('tr', { dataset: { consumer: c.id } }),
      (row, c) => patchChildren(row, this.cells(c, head, measured.get(c.id))));
    this.emptyState.hidden = consumers.length > 0;
    const behind = consumers.filter((c) => c.lag > 0).length;
    this.summary.textContent = `head #${num(head)} · ${consumers.length} consumer${consumers.length === 1 ? '' : 's'}`
      + (behind ? ` · ${behind} behind` : ' · all caught up');
  }

  cells(c, head, m) {
    const ratio = head > 0 ? Math.min(1, Math.max(0, c.position / head)) : 1;
    const context = c.context === '*' || c.context == null ? 'all contexts' : `context ${c.context}`;
    const cells = [
      h('td', { class: 'consumer' },
        h('div', { class: 'consumer-name' }, h('strong', null, c.component), ' ', kindBadge(c.kind),
          h('span', { class: 'muted small' }, ` v${c.version} · ${context}`)),
        h('div', { class: 'mono small muted' }, c.id)),
      h('td', null, c.service || h('span', { class: 'muted', title: 'No running service declares this consumer' }, '—')),
      h('td', { class: 'position' },
        h('div', { class: 'position-text' }, `${num(c.position)} / ${num(head)}`, h('span', { class: 'muted small' }, ` ${Math.floor(ratio * 100)}%`)),
        h('div', { class: 'bar', title: `${(ratio * 100).toFixed(1)}% of the log` },
          h('div', { class: `bar-fill ${c.lag > 0 ? 'behind' : ''}`, style: `width:${(ratio * 100).toFixed(1)}%` }))),
      h('td', { class: `lag ${c.lag > 0 ? 'lag-behind' : ''}` }, num(c.lag)),
      h('td', { class: 'state' }, stateBadge(c.state)),
      h('td', { class: 'lease', title: c.leaseUntil ? `lease until ${c.leaseUntil}` : 'no lease' },
        c.owner || c.ownerNode
          ? [h('div', null, c.ownerNode || '—'), h('div', { class: 'mono small muted' }, c.owner || '')]
          : h('span', { class: 'muted' }, 'none')),
      h('td', { class: 'progress' }, progressText(c, m)),
      h('td', { class: 'dead' }, c.deadEvents > 0
        ? h('a', { class: 'dead-link warn-text', href: href('dead-letters', { consumer: c.id }), title: 'Its dead letters' }, num(c.deadEvents))
        : h('span', { class: 'muted' }, '0')),
    ];
    if (this.ctx.me.admin) {
      cells.push(h('td', { class: 'actions' }, c.kind === 'projector'
        ? h('button', { type: 'button', class: 'btn btn-small replay', title: 'Handle the events again from a chosen sequence' }, 'Replay…')
        : null));
    }
    return cells;
  }

  async replay(id) {
    const value = await confirmDialog({
      title: 'Replay a projector',
      message: h('div', null, h('p', null, 'The projector ', h('code', null, id), ' will handle every event again from the chosen sequence on.'),
        h('p', { class: 'muted' }, 'Its projection must tolerate seeing those events a second time.')),
      input: { label: 'From event sequence', type: 'number', value: '1', min: 1 },
      ok: 'Replay',
      danger: true,
    });
    if (value === false) return;
    const fromSequence = Number(value);
    if (!Number.isInteger(fromSequence) || fromSequence < 1) {
      toast('The sequence must be a whole number of 1 or more.', 'error');
      return;
    }
    try {
      const result = await api('consumers/replay', { method: 'POST', body: { consumer: id, fromSequence } });
      toast(`Replay started: ${id} from #${fromSequence} (it was at #${result && result.previousPosition})`, 'success');
    } catch (e) {
      toast(`Replay refused: ${explain(e, true)}`, 'error');
    }
    this.ctx.refreshNow();
  }
}

function progressText(c, m) {
  // blank until a second poll gives two positions to measure with
  if (!m || !m.known) return '';
  const rate = m.rate == null ? '—' : `${m.rate < 10 ? m.rate.toFixed(1) : Math.round(m.rate).toLocaleString('en-US')} ev/s`;
  let eta;
  if (c.lag <= 0) eta = 'caught up';
  else if (m.rate && m.rate > 0) eta = `ETA ${duration(c.lag / m.rate)}`;
  else eta = 'ETA —';
  return `${rate} · ${eta}`;
}
