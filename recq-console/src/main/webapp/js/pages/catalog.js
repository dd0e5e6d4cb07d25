// The catalog: every payload type, its kind, its schema, and who handles, consumes, publishes and sends it.
import { api } from '../api.js';
import { h, keyed, patchChildren, debounce } from '../dom.js';
import { simpleName, jsonView } from '../format.js';
import { href, replaceHash } from '../router.js';
import { kindBadge, component, empty } from '../ui.js';

export default {
  title: 'Catalog',
  mount(root, params) {
    return new CatalogPage(root, params);
  },
};

const COLUMNS = 5;

class CatalogPage {
  constructor(root, params) {
    this.expanded = new Set();
    this.request = 0;
    this.search = h('input', {
      type: 'search', class: 'search', placeholder: 'Search type, class, service or component…',
      value: params.query.q || '', 'aria-label': 'Search the catalog',
      oninput: debounce(() => {
        replaceHash(href('catalog', { q: this.search.value.trim() }));
        this.refresh().catch(() => {});
      }, 250),
    });
    this.count = h('span', { class: 'muted count' });
    this.table = h('table', { class: 'table catalog-table' },
      h('thead', { 'data-static': true }, h('tr', null,
        h('th', null, 'Type'), h('th', null, 'Kind'), h('th', null, 'Handled / consumed by'),
        h('th', null, 'Published or returned by'), h('th', null, 'Sent by'))));
    this.table.addEventListener('click', (e) => {
      if (e.target.closest('a, button, pre, .expansion')) return;
      const row = e.target.closest('tr[data-type]');
      if (!row) return;
      const type = row.dataset.type;
      if (this.expanded.has(type)) this.expanded.delete(type);
      else this.expanded.add(type);
      this.render();
    });
    this.emptyState = h('div', { hidden: true });
    root.append(
      h('div', { class: 'page-head' }, h('h1', null, 'Catalog'),
        h('p', { class: 'muted' }, 'Every payload type the running services declare. Click a row for its classes and JSON schema.')),
      h('div', { class: 'toolbar' }, this.search, this.count),
      h('div', { class: 'table-wrap' }, this.table),
      this.emptyState);
    this.types = null;
  }

  route(params) {
    const q = params.query.q || '';
    if (q !== this.search.value) this.search.value = q;
    return true;
  }

  async refresh() {
    const request = ++this.request;
    const q = this.search.value.trim();
    const types = await api('catalog', { params: { q } });
    if (request !== this.request) return;
    this.types = types || [];
    this.query = q;
    this.render();
  }

  render() {
    if (!this.types) return;
    const types = this.types;
    this.count.textContent = `${types.length} type${types.length === 1 ? '' : 's'}`;
    // one <tbody> per type: its row and, when expanded, the row of its details
    keyed(this.table, types, (t) => t.type, () => h('tbody', { class: 'type-group' }), (tbody, t) => this.fill(tbody, t));
    this.emptyState.hidden = types.length > 0;
    patchChildren(this.emptyState, [this.query
      ? empty(`No type matches “${this.query}”`, 'The search looks in type names, classes, services and components.')
      : empty('The catalog is empty', 'No running service has announced its messages yet.')]);
  }

  fill(tbody, t) {
    let row = tbody.firstElementChild;
    if (!row) {
      row = h('tr', { class: 'clickable', dataset: { type: t.type } });
      tbody.append(row);
    }
    const open = this.expanded.has(t.type);
    row.classList.toggle('open', open);
    row.setAttribute('aria-expanded', String(open));
    const components = (list) => h('div', { class: 'stack' }, (list || []).map((c) => h('div', { class: 'who' },
      component(c.componentKind, simpleName(c.component), c.component), h('span', { class: 'muted small' }, c.service))));
    const consumers = [...(t.handledBy || []), ...(t.consumedBy || [])];
    patchChildren(row, [
      h('td', { class: 'type-name' }, h('span', { class: 'chevron' }, open ? '▾' : '▸'), h('strong', null, t.type)),
      h('td', null, kindBadge(t.kind)),
      h('td', null, consumers.length ? components(consumers) : h('span', { class: 'muted' }, '—')),
      h('td', null, [...(t.publishedBy || []), ...(t.returnedBy || [])].length
        ? components([...(t.publishedBy || []), ...(t.returnedBy || [])]) : h('span', { class: 'muted' }, '—')),
      h('td', null, t.sentBy && t.sentBy.length
        ? h('div', { class: 'stack' }, t.sentBy.map((name) => h('div', { class: 'who' }, component('deployment', name, `service ${name}`))))
        : h('span', { class: 'muted' }, '—')),
    ]);
    let details = row.nextElementSibling;
    if (!open) {
      if (details) details.remove();
      return;
    }
    if (!details) {
      details = h('tr', { class: 'expansion' });
      tbody.append(details);
    }
    patchChildren(details, [h('td', { colspan: COLUMNS },
      h('div', { class: 'expansion-grid' },
        h('div', null,
          h('h3', null, 'Classes'),
          h('ul', { class: 'plain-list mono' }, (t.classes || []).map((c) => h('li', null, c))),
          h('h3', null, 'Handlers'),
          handlerList(t)),
        h('div', null, h('h3', null, 'JSON schema'), jsonView(t.jsonSchema, 'schema'))))]);
  }
}

function handlerList(t) {
  const rows = [
    ...(t.handledBy || []).map((c) => ['handled by', c]),
    ...(t.consumedBy || []).map((c) => ['consumed by', c]),
    ...(t.publishedBy || []).map((c) => ['published by', c]),
    ...(t.returnedBy || []).map((c) => ['returned by', c]),
  ];
  if (!rows.length && !(t.sentBy || []).length) return h('p', { class: 'muted' }, 'Nobody declares it.');
  return h('ul', { class: 'plain-list' },
    rows.map(([role, c]) => h('li', null, h('span', { class: 'muted' }, `${role} `),
      h('code', null, c.component), h('span', { class: 'muted' }, ` (${c.componentKind}, ${c.service})`))),
    (t.sentBy || []).map((name) => h('li', null, h('span', { class: 'muted' }, 'sent by '), h('a', { href: href('instances') }, name))));
}
