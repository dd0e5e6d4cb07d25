// The application graph: deployments and their components, and the commands, queries and events between them.
import { api } from '../api.js';
import { h, s, patchChildren } from '../dom.js';
import { truncate } from '../format.js';
import { layout } from '../layout.js';
import { href } from '../router.js';
import { COMPONENT_KINDS, kindBadge, component, empty, facts } from '../ui.js';

const KIND_PRIORITY = ['command', 'query', 'event'];
const LABEL_CHARS = 23; // what a node's first line holds
const ROLE_LABELS = {
  'handles-command': 'Handles commands',
  'handles-query': 'Answers queries',
  'consumes-event': 'Consumes events',
  'publishes-event': 'Publishes events',
  'sends-command': 'Sends commands',
  'sends-query': 'Sends queries',
};

export default {
  title: 'Graph',
  mount(root, params, ctx) {
    return new GraphPage(root);
  },
};

class GraphPage {
  constructor(root) {
    this.root = root;
    this.signature = null;
    this.model = null; // {nodes: Map, edges: merged[], byNode}
    this.view = { k: 1, tx: 0, ty: 0 };
    this.userMoved = false;
    this.selection = null; // {type: 'node'|'edge', id}
    this.drag = null;
    this.suppressClick = false;

    this.viewport = s('g', { class: 'viewport' });
    this.svg = s('svg', { class: 'graph-svg', role: 'img', 'aria-label': 'Application graph' },
      s('defs', null, ...KIND_PRIORITY.map((kind) => s('marker', {
        id: `arrow-${kind}`, viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7',
        orient: 'auto-start-reverse', class: `arrow arrow-${kind}`,
      }, s('path', { d: 'M 0 0 L 10 5 L 0 10 z' })))),
      this.viewport);
    this.tooltip = h('div', { class: 'graph-tooltip', hidden: true });
    this.panel = h('div', { class: 'graph-panel', hidden: true });
    this.emptyState = h('div', { class: 'graph-empty', hidden: true },
      empty('No services yet', 'The graph shows the services that have announced themselves in the catalog.'));
    // the toolbar and the legend sit above the canvas, not over it: nothing may hide a node from a click
    this.canvas = h('div', { class: 'graph-canvas' }, this.svg, this.tooltip, this.panel, this.emptyState);
    root.append(
      h('div', { class: 'page-head' }, h('h1', null, 'Application graph'),
        h('p', { class: 'muted' }, 'Commands and queries go from the deployment that sends them to the component that handles them; '
          + 'events from the component that stores them to each consumer. Drag to pan, wheel to zoom, click for details.')),
      h('div', { class: 'graph-bar' }, legend(),
        h('div', { class: 'graph-toolbar' },
          h('button', { type: 'button', class: 'btn btn-small fit', title: 'Fit the graph to the view', onclick: () => this.fit(true) }, 'Fit'),
          h('button', { type: 'button', class: 'btn btn-small btn-icon zoom-in', title: 'Zoom in', onclick: () => this.zoomBy(1.25) }, '+'),
          h('button', { type: 'button', class: 'btn btn-small btn-icon zoom-out', title: 'Zoom out', onclick: () => this.zoomBy(0.8) }, '−'))),
      this.canvas);

    this.svg.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    this.svg.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    this.svg.addEventListener('pointermove', (e) => this.onPointerMove(e));
    this.svg.addEventListener('pointerup', (e) => this.onPointerUp(e));
    this.svg.addEventListener('click', (e) => this.onClick(e));
    this.svg.addEventListener('mouseover', (e) => this.onHover(e));
    this.svg.addEventListener('mouseleave', () => { this.tooltip.hidden = true; });
    this.svg.addEventListener('keydown', (e) => {
      const node = e.target.closest && e.target.closest('g.node');
      if (node && (e.key === 'Enter' || e.key === ' ')) {
        e.preventDefault();
        this.select({ type: 'node', id: node.dataset.id });
      }
    });
    this.onKey = (e) => { if (e.key === 'Escape' && this.selection) this.select(null); };
    document.addEventListener('keydown', this.onKey);
    this.resize = new ResizeObserver(() => { if (!this.userMoved) this.fit(false); });
    this.resize.observe(this.canvas);
  }

  unmount() {
    this.resize.disconnect();
    document.removeEventListener('keydown', this.onKey);
  }

  async refresh() {
    const data = await api('graph');
    const nodes = data.nodes || [];
    const edges = data.edges || [];
    const signature = JSON.stringify([
      nodes.map((n) => [n.id, n.kind, n.label, n.service, n.class, n.handles]),
      edges.map((e) => [e.from, e.to, e.type, e.kind]),
    ]);
    this.model = model(nodes, edges);
    if (signature !== this.signature) {
      this.signature = signature;
      this.draw();
    }
    this.updateReadiness();
    if (this.selection && !this.exists(this.selection)) this.select(null);
    else this.renderPanel();
  }

  // ---- drawing

  draw() {
    const { nodes, edges } = this.model;
    this.emptyState.hidden = nodes.size > 0;
    const ordered = [...nodes.values()].sort((a, b) => (a.kind === 'deployment' ? 0 : 1) - (b.kind === 'deployment' ? 0 : 1));
    const view = this.svg.getBoundingClientRect();
    const result = layout(ordered.map((n) => ({ id: n.id, group: n.service ?? n.id, minLayer: n.kind === 'deployment' ? 0 : 1 })), edges,
      { viewWidth: view.width, viewHeight: view.height });
    const { nodeWidth: W, nodeHeight: H } = result.options;
    this.extent = { width: result.width, height: result.height };

    const groupLayer = s('g', { class: 'groups' });
    for (const [name, box] of result.groups) {
      const deployment = [...nodes.values()].find((n) => n.kind === 'deployment' && n.service === name);
      groupLayer.append(s('g', { class: 'group', 'data-service': name },
        s('rect', { x: box.x, y: box.y, width: box.width, height: box.height, rx: 12 }),
        s('text', { class: 'group-label', x: box.x + 12, y: box.y + 19 },
          s('tspan', { class: 'group-name' }, name),
          deployment ? s('tspan', { class: 'group-ready', dx: 8 }, '') : null)));
    }

    // ports: several arrows meeting a node side are spread over its height, sorted by the other end's height
    const centreY = (id) => result.nodes.get(id).y + H / 2;
    const ports = new Map();
    const spread = (list, side) => {
      list.forEach((edge, i) => {
        ports.set(`${side}\u0000${edge.key}`, (i + 1) / (list.length + 1));
      });
    };
    for (const id of nodes.keys()) {
      spread(edges.filter((e) => e.to === id).sort((a, b) => centreY(a.from) - centreY(b.from)), 'in');
      spread(edges.filter((e) => e.from === id).sort((a, b) => centreY(a.to) - centreY(b.to)), 'out');
    }

    const edgeLayer = s('g', { class: 'edges' });
    const labelLayer = s('g', { class: 'edge-labels' });
    for (const edge of edges) {
      const a = result.nodes.get(edge.from);
      const b = result.nodes.get(edge.to);
      const x1 = a.x + W;
      const y1 = a.y + H * ports.get(`out\u0000${edge.key}`);
      const x2 = b.x;
      const y2 = b.y + H * ports.get(`in\u0000${edge.key}`);
      let d;
      let mid;
      if (edge.from === edge.to) {
        d = `M ${x1} ${y1} C ${x1 + 60} ${y1 - 50}, ${x1 - W - 60} ${y1 - 70}, ${x2} ${y2}`;
        mid = { x: a.x + W / 2, y: a.y - 30 };
      } else {
        const dx = x2 > x1 ? Math.max(40, (x2 - x1) / 2) : 90;
        const c1 = { x: x1 + dx, y: y1 };
        const c2 = { x: x2 - dx, y: y2 };
        d = `M ${x1} ${y1} C ${c1.x} ${c1.y}, ${c2.x} ${c2.y}, ${x2} ${y2}`;
        mid = { x: (x1 + 3 * c1.x + 3 * c2.x + x2) / 8, y: (y1 + 3 * c1.y + 3 * c2.y + y2) / 8 };
      }
      const label = edge.types.length === 1 ? edge.types[0] : `${edge.types.length} messages`;
      const width = Math.min(label.length, 26) * 6.2 + 10;
      edgeLayer.append(s('g', {
        class: `edge edge-${edge.style}`, 'data-from': edge.from, 'data-to': edge.to,
        'data-types': edge.types.join(','), 'data-kinds': edge.kinds.join(','), 'data-key': edge.key,
      },
      s('path', { class: 'edge-hit', d }),
      s('path', { class: 'edge-line', d, 'marker-end': `url(#arrow-${edge.style})` })));
      labelLayer.append(s('g', { class: `edge-label edge-${edge.style}`, 'data-key': edge.key, transform: `translate(${mid.x} ${mid.y})` },
        s('rect', { x: -width / 2, y: -9, width, height: 18, rx: 4 }),
        s('text', { 'text-anchor': 'middle', y: 4 }, truncate(label, 26))));
    }

    const nodeLayer = s('g', { class: 'nodes' });
    for (const node of nodes.values()) {
      const p = result.nodes.get(node.id);
      const deployment = node.kind === 'deployment';
      // a deployment's "(invokers)" moves to the second line when the first cannot hold it
      const wide = deployment && node.label.length + 11 > LABEL_CHARS;
      const title = deployment && !wide ? `${node.label} (invokers)` : node.label;
      const subtitle = deployment ? (wide ? '(invokers) · deployment' : 'deployment') : node.kind;
      nodeLayer.append(s('g', {
        class: `node kind-${node.kind}`, 'data-id': node.id, 'data-kind': node.kind, 'data-service': node.service,
        transform: `translate(${p.x} ${p.y})`, tabindex: '0',
      },
      s('rect', { class: 'node-box', width: W, height: H, rx: 8 }),
      s('rect', { class: 'node-stripe', x: 0, y: 0, width: 6, height: H, rx: 3 }),
      s('text', { class: 'node-label', x: 16, y: 21 }, truncate(title, LABEL_CHARS)),
      s('text', { class: 'node-kind', x: 16, y: 38 }, subtitle)));
    }
    this.viewport.replaceChildren(groupLayer, edgeLayer, labelLayer, nodeLayer);
    if (!this.userMoved) this.fit(false);
    else this.applyView();
  }

  updateReadiness() {
    for (const node of this.model.nodes.values()) {
      if (node.kind !== 'deployment') continue;
      const group = [...this.viewport.querySelectorAll('g.group')].find((g) => g.dataset.service === node.service);
      const ready = group && group.querySelector('.group-ready');
      if (!ready) continue;
      const text = `${node.ready ?? 0}/${node.instances ?? 0} ready`;
      if (ready.textContent !== text) ready.textContent = text;
      ready.classList.toggle('not-ready', (node.ready ?? 0) < (node.instances ?? 0));
    }
  }

  // ---- selection and the side panel

  exists(sel) {
    return sel.type === 'node' ? this.model.nodes.has(sel.id) : this.model.edges.some((e) => e.key === sel.id);
  }

  select(selection) {
    this.selection = selection;
    this.renderPanel();
  }

  highlight() {
    const sel = this.selection;
    this.svg.classList.toggle('has-selection', !!sel);
    const lit = new Set();
    if (sel && sel.type === 'node') {
      lit.add(sel.id);
      for (const e of this.model.edges) {
        if (e.from === sel.id || e.to === sel.id) { lit.add(e.key); lit.add(e.from); lit.add(e.to); }
      }
    } else if (sel) {
      const e = this.model.edges.find((x) => x.key === sel.id);
      if (e) { lit.add(e.key); lit.add(e.from); lit.add(e.to); }
    }
    for (const el of this.viewport.querySelectorAll('g.node')) {
      el.classList.toggle('hl', lit.has(el.dataset.id));
      el.classList.toggle('selected', !!sel && sel.type === 'node' && sel.id === el.dataset.id);
    }
    for (const el of this.viewport.querySelectorAll('g.edge, g.edge-label')) el.classList.toggle('hl', lit.has(el.dataset.key));
  }

  renderPanel() {
    this.highlight();
    const sel = this.selection;
    if (!sel || !this.model) {
      this.panel.hidden = true;
      this.panel.replaceChildren();
      return;
    }
    const content = sel.type === 'node' ? this.nodeDetails(this.model.nodes.get(sel.id)) : this.edgeDetails(sel.id);
    if (this.panel.hidden || this.panel.dataset.selection !== `${sel.type}:${sel.id}`) {
      this.panel.dataset.selection = `${sel.type}:${sel.id}`;
      this.panel.replaceChildren(h('div', { class: 'panel-head' },
        h('div', { class: 'panel-title' }, content.title),
        h('button', { type: 'button', class: 'btn btn-icon panel-close', title: 'Close', onclick: () => this.select(null) }, '×')),
      h('div', { class: 'panel-body' }));
      this.panel.hidden = false;
    }
    patchChildren(this.panel.querySelector('.panel-body'), content.body);
  }

  nodeDetails(node) {
    const { edges, nodes } = this.model;
    const deployment = node.kind === 'deployment';
    const byRole = new Map();
    for (const handled of node.handles || []) {
      if (!byRole.has(handled.role)) byRole.set(handled.role, []);
      byRole.get(handled.role).push(handled.type);
    }
    const arrows = (list, otherEnd, heading) => h('section', { class: 'panel-section' },
      h('h3', null, `${heading} (${list.length})`),
      list.length ? h('ul', { class: 'arrow-list' }, list.map((e) => {
        const other = nodes.get(e[otherEnd]);
        return h('li', null,
          h('button', { type: 'button', class: 'linklike', onclick: () => this.select({ type: 'node', id: other.id }) },
            component(other.kind, other.kind === 'deployment' ? `${other.label} (invokers)` : other.label)),
          h('div', { class: 'types' }, e.messages.map((m) => typeLink(m.type, m.kind))));
      })) : h('p', { class: 'muted' }, 'None'));
    return {
      title: [h('span', { class: 'panel-name' }, deployment ? `${node.label} (invokers)` : node.label), ' ', kindBadge(node.kind)],
      body: [
        facts([
          ['Kind', deployment ? 'deployment (the service’s invokers: what it sends)' : node.kind],
          ['Service', node.service],
          ['Class', node.class ? h('code', null, node.class) : null],
          deployment ? ['Instances', `${node.ready ?? 0} of ${node.instances ?? 0} ready`] : null,
        ]),
        [...byRole].map(([role, types]) => h('section', { class: 'panel-section' },
          h('h3', null, ROLE_LABELS[role] || role),
          h('div', { class: 'types' }, types.map((t) => typeLink(t))))),
        arrows(edges.filter((e) => e.to === node.id), 'from', 'Incoming'),
        arrows(edges.filter((e) => e.from === node.id), 'to', 'Outgoing'),
      ],
    };
  }

  edgeDetails(key) {
    const edge = this.model.edges.find((e) => e.key === key);
    const from = this.model.nodes.get(edge.from);
    const to = this.model.nodes.get(edge.to);
    const name = (n) => (n.kind === 'deployment' ? `${n.label} (invokers)` : n.label);
    return {
      title: edge.types.length === 1 ? edge.types[0] : `${edge.types.length} messages`,
      body: [
        facts([
          ['From', h('button', { type: 'button', class: 'linklike', onclick: () => this.select({ type: 'node', id: from.id }) }, component(from.kind, name(from)))],
          ['To', h('button', { type: 'button', class: 'linklike', onclick: () => this.select({ type: 'node', id: to.id }) }, component(to.kind, name(to)))],
        ]),
        h('section', { class: 'panel-section' }, h('h3', null, 'Messages'),
          h('ul', { class: 'plain-list' }, edge.messages.map((m) => h('li', null, typeLink(m.type, m.kind))))),
      ],
    };
  }

  // ---- pointer: pan, zoom, click, hover

  onClick(e) {
    if (this.suppressClick) {
      this.suppressClick = false;
      return;
    }
    const node = e.target.closest('g.node');
    if (node) {
      this.select({ type: 'node', id: node.dataset.id });
      return;
    }
    const edge = e.target.closest('g.edge, g.edge-label');
    if (edge) this.select({ type: 'edge', id: edge.dataset.key });
  }

  onHover(e) {
    const edge = e.target.closest('g.edge, g.edge-label');
    if (!edge || !this.model) {
      this.tooltip.hidden = true;
      return;
    }
    const m = this.model.edges.find((x) => x.key === edge.dataset.key);
    if (!m) return;
    const box = this.canvas.getBoundingClientRect();
    this.tooltip.replaceChildren(...m.messages.map((x) => h('div', null, h('span', { class: `msg-kind msg-${x.kind}` }, x.kind), ' ', x.type)));
    this.tooltip.style.left = `${e.clientX - box.left + 12}px`;
    this.tooltip.style.top = `${e.clientY - box.top + 12}px`;
    this.tooltip.hidden = false;
  }

  onPointerDown(e) {
    if (e.button !== 0) return;
    this.drag = { x: e.clientX, y: e.clientY, tx: this.view.tx, ty: this.view.ty, moving: false, pointer: e.pointerId };
  }

  onPointerMove(e) {
    const d = this.drag;
    if (!d) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moving && Math.hypot(dx, dy) < 4) return;
    if (!d.moving) {
      // captured only once it is a drag: a capture from the start would retarget the click away from the node
      d.moving = true;
      this.svg.setPointerCapture(d.pointer);
      this.svg.classList.add('panning');
    }
    this.view.tx = d.tx + dx;
    this.view.ty = d.ty + dy;
    this.userMoved = true;
    this.applyView();
  }

  onPointerUp() {
    if (this.drag && this.drag.moving) {
      this.suppressClick = true;
      setTimeout(() => { this.suppressClick = false; }, 0);
      this.svg.classList.remove('panning');
    }
    this.drag = null;
  }

  onWheel(e) {
    e.preventDefault();
    const box = this.svg.getBoundingClientRect();
    this.zoomBy(Math.exp(-e.deltaY * 0.0015), e.clientX - box.left, e.clientY - box.top);
  }

  zoomBy(factor, cx, cy) {
    const box = this.svg.getBoundingClientRect();
    const x = cx ?? box.width / 2;
    const y = cy ?? box.height / 2;
    const k = Math.min(4, Math.max(0.1, this.view.k * factor));
    this.view.tx = x - ((x - this.view.tx) * k) / this.view.k;
    this.view.ty = y - ((y - this.view.ty) * k) / this.view.k;
    this.view.k = k;
    this.userMoved = true;
    this.applyView();
  }

  fit(byUser) {
    if (!this.extent) return;
    const box = this.svg.getBoundingClientRect();
    if (!box.width || !box.height) return;
    const margin = 24;
    const k = Math.min(1.4, Math.max(0.1, Math.min((box.width - 2 * margin) / Math.max(1, this.extent.width),
      (box.height - 2 * margin) / Math.max(1, this.extent.height))));
    this.view = { k, tx: (box.width - this.extent.width * k) / 2, ty: (box.height - this.extent.height * k) / 2 };
    if (byUser) this.userMoved = false;
    this.applyView();
  }

  applyView() {
    const { k, tx, ty } = this.view;
    this.viewport.setAttribute('transform', `translate(${tx.toFixed(1)} ${ty.toFixed(1)}) scale(${k.toFixed(4)})`);
  }
}

/** Nodes by id and the edges merged by pair, each with its messages (type, kind) and the style of its arrow. */
function model(nodes, edges) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const merged = new Map();
  for (const e of edges) {
    if (!byId.has(e.from) || !byId.has(e.to)) continue;
    const key = `${e.from}\u0000${e.to}`;
    if (!merged.has(key)) merged.set(key, { key: `${e.from}→${e.to}`, from: e.from, to: e.to, messages: [] });
    const m = merged.get(key);
    if (!m.messages.some((x) => x.type === e.type && x.kind === e.kind)) m.messages.push({ type: e.type, kind: e.kind });
  }
  const list = [...merged.values()].map((m) => {
    m.messages.sort((a, b) => a.type.localeCompare(b.type));
    m.types = [...new Set(m.messages.map((x) => x.type))];
    m.kinds = [...new Set(m.messages.map((x) => x.kind))];
    m.style = KIND_PRIORITY.find((k) => m.kinds.includes(k)) || 'event';
    return m;
  });
  return { nodes: byId, edges: list };
}

function typeLink(type, kind) {
  return h('a', { class: `type-link ${kind ? `msg-${kind}` : ''}`.trim(), href: href('catalog', { q: type }), title: `${type} in the catalog` },
    kind ? h('span', { class: `msg-kind msg-${kind}` }, kind) : null, type);
}

function legend() {
  const line = (kind, label) => h('div', { class: 'legend-item' },
    svgLine(kind), h('span', null, label));
  return h('div', { class: 'graph-legend', 'aria-label': 'Legend' },
    h('div', { class: 'legend-item' }, h('span', { class: 'swatch kind-deployment' }), 'deployment (invokers)'),
    COMPONENT_KINDS.map((k) => h('div', { class: 'legend-item' }, h('span', { class: `swatch kind-${k}` }), k)),
    line('command', 'command'), line('event', 'event'), line('query', 'query'));
}

function svgLine(kind) {
  return s('svg', { class: 'legend-line', width: 30, height: 10, viewBox: '0 0 30 10' },
    s('line', { class: `edge-line legend-${kind}`, x1: 1, y1: 5, x2: 24, y2: 5 }),
    s('path', { class: `legend-head legend-${kind}`, d: 'M 23 1 L 30 5 L 23 9 z' }));
}
