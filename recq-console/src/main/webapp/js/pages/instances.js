// The running instances, by service: node, version, start, last heartbeat and readiness.
import { api } from '../api.js';
import { h, keyed, patchChildren } from '../dom.js';
import { ageSeconds, relative, timeAgo } from '../format.js';
import { empty, stateBadge } from '../ui.js';

const STALE_SECONDS = 15;

export default {
  title: 'Instances',
  mount(root) {
    return new InstancesPage(root);
  },
};

class InstancesPage {
  constructor(root) {
    this.table = h('table', { class: 'table instances-table' },
      h('thead', { 'data-static': true }, h('tr', null,
        h('th', null, 'Instance'), h('th', null, 'Node'), h('th', null, 'Version'), h('th', null, 'Started'),
        h('th', null, 'Last heartbeat'), h('th', null, 'Readiness'))));
    this.emptyState = h('div', { hidden: true }, empty('No running instance', 'No service has sent a heartbeat.'));
    this.summary = h('span', { class: 'muted count' });
    root.append(
      h('div', { class: 'page-head' }, h('h1', null, 'Instances'),
        h('p', { class: 'muted' }, `Each running instance of each service. A heartbeat older than ${STALE_SECONDS} s is highlighted.`)),
      h('div', { class: 'toolbar' }, this.summary),
      h('div', { class: 'table-wrap' }, this.table),
      this.emptyState);
  }

  async refresh() {
    const instances = (await api('instances')) || [];
    const services = new Map();
    for (const i of instances) {
      if (!services.has(i.service)) services.set(i.service, []);
      services.get(i.service).push(i);
    }
    const groups = [...services].sort(([a], [b]) => a.localeCompare(b))
      .map(([service, list]) => ({ service, list: list.sort((a, b) => String(a.id).localeCompare(String(b.id))) }));
    keyed(this.table, groups, (g) => g.service,
      (g) => h('tbody', { class: 'service-group', dataset: { service: g.service } },
        h('tr', { class: 'group-row', 'data-static': true }, h('td', { colspan: 6 }))),
      (tbody, g) => this.fill(tbody, g));
    this.emptyState.hidden = instances.length > 0;
    const ready = instances.filter((i) => i.ready).length;
    this.summary.textContent = `${groups.length} service${groups.length === 1 ? '' : 's'} · ${ready} of ${instances.length} instances ready`;
  }

  fill(tbody, { service, list }) {
    const ready = list.filter((i) => i.ready).length;
    patchChildren(tbody.firstElementChild.firstElementChild, [
      h('span', { class: 'group-name' }, service),
      h('span', { class: `group-count ${ready < list.length ? 'warn-text' : 'muted'}` }, `${ready}/${list.length} ready`),
    ]);
    keyed(tbody, list, (i) => i.id, (i) => h('tr', { dataset: { instance: i.id } }), (row, i) => {
      const age = ageSeconds(i.heartbeatAt);
      const stale = age != null && age > STALE_SECONDS;
      patchChildren(row, [
        h('td', { class: 'mono' }, i.id),
        h('td', null, i.node || '—'),
        h('td', null, i.version || '—'),
        h('td', null, timeAgo(i.startedAt)),
        h('td', { class: stale ? 'heartbeat stale' : 'heartbeat' },
          i.heartbeatAt ? h('time', { datetime: i.heartbeatAt, title: i.heartbeatAt }, relative(i.heartbeatAt)) : '—',
          stale ? h('span', { class: 'badge state-warn' }, 'late') : null),
        h('td', null, stateBadge(i.ready ? 'ready' : 'not ready')),
      ]);
    });
  }
}
