// An aggregate's history: its events by version, as a timeline, each payload expandable.
import { api } from '../api.js';
import { h, keyed } from '../dom.js';
import { jsonView, localTime, relative } from '../format.js';
import { href } from '../router.js';
import { empty } from '../ui.js';

export default {
  title: 'Aggregate history',
  mount(root, params) {
    return new AggregatePage(root, params);
  },
};

class AggregatePage {
  constructor(root, params) {
    this.id = params.id;
    this.list = h('ol', { class: 'timeline history' });
    this.count = h('span', { class: 'muted count' });
    this.emptyState = h('div', { hidden: true }, empty(`No event of aggregate ${this.id}`, 'Check the id: it is matched exactly.'));
    const toggle = (open) => this.list.querySelectorAll('details').forEach((d) => { d.open = open; });
    root.append(
      h('div', { class: 'page-head' },
        h('div', { class: 'breadcrumb' }, h('a', { href: '#/events' }, 'Events'), ' / aggregate'),
        h('h1', null, 'Aggregate ', h('code', { class: 'aggregate-id' }, this.id)),
        h('p', { class: 'muted' }, 'Every event of this aggregate, by version.')),
      h('div', { class: 'toolbar' }, this.count,
        h('div', { class: 'toolbar-right' },
          h('a', { class: 'btn', href: href('events', { aggregateId: this.id }) }, 'In the event list'),
          h('button', { type: 'button', class: 'btn expand-all', onclick: () => toggle(true) }, 'Expand all'),
          h('button', { type: 'button', class: 'btn collapse-all', onclick: () => toggle(false) }, 'Collapse all'))),
      this.list, this.emptyState);
  }

  async refresh() {
    const data = await api(`aggregates/${encodeURIComponent(this.id)}`);
    const events = data.events || [];
    // an event never changes: each item is built once, so an expanded payload stays expanded
    keyed(this.list, events, (e) => e.sequence, (e) => item(e), () => {});
    for (const li of this.list.children) {
      const time = li.querySelector('.relative');
      if (time) time.textContent = relative(time.dataset.at);
    }
    this.emptyState.hidden = events.length > 0;
    const last = events[events.length - 1];
    this.count.textContent = events.length
      ? `${events.length} event${events.length === 1 ? '' : 's'} · version ${last.aggregateVersion}`
      : '';
  }
}

function item(e) {
  return h('li', { class: 'timeline-item', dataset: { sequence: e.sequence, version: e.aggregateVersion } },
    h('div', { class: 'timeline-dot' }),
    h('div', { class: 'timeline-content' },
      h('div', { class: 'timeline-head' },
        h('span', { class: 'badge version' }, `v${e.aggregateVersion}`),
        h('strong', { class: 'event-type' }, e.type),
        h('a', { class: 'muted small', href: `#/events/${e.sequence}`, title: 'The event in the log' }, `#${e.sequence}`),
        h('span', { class: 'muted small', title: e.storedAt }, localTime(e.storedAt), ' · ',
          h('span', { class: 'relative', dataset: { at: e.storedAt } }, relative(e.storedAt))),
        e.context && e.context !== 'default' ? h('span', { class: 'badge' }, e.context) : null),
      h('details', { class: 'payload' },
        h('summary', null, 'Payload and metadata'),
        h('div', { class: 'payload-grid' },
          h('div', null, h('h3', null, 'Payload'), jsonView(e.payload)),
          h('div', null, h('h3', null, 'Metadata'), jsonView(e.metadata))))));
}
