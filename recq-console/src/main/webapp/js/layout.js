// A layered (Sugiyama-style) layout, left to right, with the nodes of a group (a deployment) kept in a
// horizontal band of their own so that each group's bounding box never overlaps another's:
//   1. cycles broken by reversing the back-edges a depth-first search finds;
//   2. layers by longest path from the sources, over the edges within a group;
//   3. order within a layer by barycenter sweeps, groups ordered by the barycenter of their neighbours;
//   4. coordinates: x by layer, y by the group's band and a row within it chosen near the node's neighbours;
//      many bands wrap into side-by-side columns when that shows the graph larger in the given view.

const DEFAULTS = {
  nodeWidth: 184,
  nodeHeight: 50,
  layerGap: 120, // horizontal room between two layers, for the arrows and their labels
  rowGap: 18,
  groupPadX: 14,
  groupPadTop: 30, // the group's label
  groupPadBottom: 14,
  groupGap: 26,
  columnGap: 90,
  sweeps: 6,
  viewWidth: 0, // the view's size, when known: the bands of many groups wrap into columns to fit it
  viewHeight: 0,
};

/**
 * @param {{id: string, group: string, minLayer?: number}[]} nodes in a stable order
 * @param {{from: string, to: string}[]} edges unique pairs
 * @returns {{nodes: Map<string, {x, y, layer}>, groups: Map<string, {x, y, width, height}>, width, height,
 *            reversed: Set<string>}} reversed: "from\u0000to" of the edges drawn against the flow
 */
export function layout(nodes, edges, options = {}) {
  const o = { ...DEFAULTS, ...options };
  const ids = nodes.map((n) => n.id);
  const groupOf = new Map(nodes.map((n) => [n.id, n.group ?? '']));
  const known = new Set(ids);
  const links = edges.filter((e) => known.has(e.from) && known.has(e.to) && e.from !== e.to);

  // 1. break cycles
  const out = new Map(ids.map((id) => [id, []]));
  for (const e of links) out.get(e.from).push(e.to);
  const reversed = new Set();
  const state = new Map();
  const indegree = new Map(ids.map((id) => [id, 0]));
  links.forEach((e) => indegree.set(e.to, indegree.get(e.to) + 1));
  const roots = [...ids.filter((id) => indegree.get(id) === 0), ...ids];
  for (const root of roots) {
    if (state.has(root)) continue;
    // iterative DFS: a stack of [node, index of the next child]
    const stack = [[root, 0]];
    state.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const children = out.get(top[0]);
      if (top[1] < children.length) {
        const child = children[top[1]++];
        if (state.get(child) === 1) reversed.add(`${top[0]}\u0000${child}`);
        else if (!state.has(child)) {
          state.set(child, 1);
          stack.push([child, 0]);
        }
      } else {
        state.set(top[0], 2);
        stack.pop();
      }
    }
  }
  const dag = links.map((e) => (reversed.has(`${e.from}\u0000${e.to}`) ? { from: e.to, to: e.from } : e));
  const preds = new Map(ids.map((id) => [id, []]));
  const succs = new Map(ids.map((id) => [id, []]));
  for (const e of dag) {
    preds.get(e.to).push(e.from);
    succs.get(e.from).push(e.to);
  }

  // 2. longest path layering (Kahn's order) over the edges within a group only: a chain of messages through many
  //    groups (a saga's command to the next service, whose events reach the next...) would otherwise make as many
  //    layers as it has steps, and a graph far wider than any view. Edges between groups are drawn between the
  //    bands, forwards or back. A node starts at its minLayer (a deployment's invokers at 0, components at 1).
  const minLayer = new Map(nodes.map((n) => [n.id, n.minLayer ?? 0]));
  const layerOf = new Map(ids.map((id) => [id, minLayer.get(id)]));
  const local = dag.filter((e) => groupOf.get(e.from) === groupOf.get(e.to));
  const localSuccs = new Map(ids.map((id) => [id, []]));
  const remaining = new Map(ids.map((id) => [id, 0]));
  for (const e of local) {
    localSuccs.get(e.from).push(e.to);
    remaining.set(e.to, remaining.get(e.to) + 1);
  }
  const queue = ids.filter((id) => remaining.get(id) === 0);
  while (queue.length) {
    const id = queue.shift();
    for (const next of localSuccs.get(id)) {
      layerOf.set(next, Math.max(layerOf.get(next), layerOf.get(id) + 1));
      remaining.set(next, remaining.get(next) - 1);
      if (remaining.get(next) === 0) queue.push(next);
    }
  }
  const layerCount = ids.length ? Math.max(...layerOf.values()) + 1 : 0;
  let layers = Array.from({ length: layerCount }, () => []);
  ids.forEach((id) => layers[layerOf.get(id)].push(id));

  // 3. ordering
  const groupNames = [...new Set(nodes.map((n) => groupOf.get(n.id)))];
  let groupRank = new Map(groupNames.map((g, i) => [g, i]));
  const keyOf = new Map();
  const computeKeys = () => {
    for (const layer of layers) {
      const slot = new Map();
      for (const id of layer) {
        const g = groupOf.get(id);
        const i = slot.get(g) ?? 0;
        slot.set(g, i + 1);
        keyOf.set(id, groupRank.get(g) * 1000 + i);
      }
    }
  };
  const sortLayer = (layer, neighbours) => {
    const bc = new Map();
    layer.forEach((id, i) => {
      const ns = neighbours.get(id);
      bc.set(id, ns.length ? ns.reduce((sum, n) => sum + keyOf.get(n), 0) / ns.length : keyOf.get(id) + i * 1e-6);
    });
    layer.sort((a, b) => (groupRank.get(groupOf.get(a)) - groupRank.get(groupOf.get(b))) || (bc.get(a) - bc.get(b)));
  };
  const regroup = () => {
    const score = new Map(groupNames.map((g) => [g, { sum: groupRank.get(g) * 2, n: 2 }]));
    for (const e of dag) {
      const ga = groupOf.get(e.from);
      const gb = groupOf.get(e.to);
      if (ga === gb) continue;
      score.get(ga).sum += groupRank.get(gb); score.get(ga).n++;
      score.get(gb).sum += groupRank.get(ga); score.get(gb).n++;
    }
    const order = [...groupNames].sort((a, b) => (score.get(a).sum / score.get(a).n) - (score.get(b).sum / score.get(b).n)
      || groupRank.get(a) - groupRank.get(b));
    groupRank = new Map(order.map((g, i) => [g, i]));
  };
  const crossings = () => {
    let count = 0;
    const segments = dag.filter((e) => layerOf.get(e.to) === layerOf.get(e.from) + 1)
      .map((e) => [layerOf.get(e.from), keyOf.get(e.from), keyOf.get(e.to)]);
    for (let i = 0; i < segments.length; i++) {
      for (let j = i + 1; j < segments.length; j++) {
        const [la, a1, a2] = segments[i];
        const [lb, b1, b2] = segments[j];
        if (la === lb && (a1 - b1) * (a2 - b2) < 0) count++;
      }
    }
    return count;
  };
  computeKeys();
  let best = { crossings: crossings(), layers: layers.map((l) => [...l]), groupRank };
  for (let sweep = 0; sweep < o.sweeps; sweep++) {
    for (let l = 1; l < layerCount; l++) { sortLayer(layers[l], preds); computeKeys(); }
    for (let l = layerCount - 2; l >= 0; l--) { sortLayer(layers[l], succs); computeKeys(); }
    regroup();
    layers.forEach((layer) => sortLayer(layer, new Map(layer.map((id) => [id, []]))));
    computeKeys();
    const c = crossings();
    if (c < best.crossings) best = { crossings: c, layers: layers.map((l) => [...l]), groupRank };
  }
  layers = best.layers;
  groupRank = best.groupRank;
  computeKeys();

  // 4. coordinates
  const rowsOf = new Map(groupNames.map((g) => [g, 0]));
  const membersByLayer = layers.map((layer) => {
    const byGroup = new Map();
    layer.forEach((id) => {
      const g = groupOf.get(id);
      if (!byGroup.has(g)) byGroup.set(g, []);
      byGroup.get(g).push(id);
    });
    byGroup.forEach((members, g) => rowsOf.set(g, Math.max(rowsOf.get(g), members.length)));
    return byGroup;
  });
  const rowStep = o.nodeHeight + o.rowGap;
  const layersWidth = layerCount ? 2 * o.groupPadX + layerCount * o.nodeWidth + (layerCount - 1) * o.layerGap : 0;
  const bandHeight = (g) => o.groupPadTop + rowsOf.get(g) * rowStep - o.rowGap + o.groupPadBottom;
  const ranked = [...groupNames].sort((a, b) => groupRank.get(a) - groupRank.get(b));
  // Many deployments make a tall, narrow stack of bands; when a view size is given, the bands are wrapped into
  // the number of side-by-side columns that lets the whole graph be shown the largest.
  const columnsOf = (count) => {
    const total = ranked.reduce((sum, g) => sum + bandHeight(g) + o.groupGap, 0);
    const columns = [[]];
    let filled = 0;
    for (const g of ranked) {
      const h = bandHeight(g) + o.groupGap;
      if (filled > 0 && filled + h / 2 > total / count && columns.length < count) {
        columns.push([]);
        filled = 0;
      }
      columns[columns.length - 1].push(g);
      filled += h;
    }
    return columns;
  };
  let columns = columnsOf(1);
  if (o.viewWidth && o.viewHeight && layerCount) {
    // the fewest columns that show the graph within 10 % of the largest any count of columns allows
    const candidates = [];
    for (let count = 1; count <= Math.min(6, ranked.length); count++) {
      const candidate = columnsOf(count);
      const w = candidate.length * layersWidth + (candidate.length - 1) * o.columnGap;
      const h = Math.max(...candidate.map((c) => c.reduce((sum, g) => sum + bandHeight(g) + o.groupGap, 0) - o.groupGap));
      candidates.push({ columns: candidate, scale: Math.min(o.viewWidth / w, o.viewHeight / h) });
    }
    const largest = Math.max(...candidates.map((c) => c.scale));
    columns = candidates.find((c) => c.scale >= 0.9 * largest).columns;
  }
  const bandTop = new Map();
  const columnX = new Map();
  let height = 0;
  columns.forEach((column, c) => {
    let y = 0;
    for (const g of column) {
      bandTop.set(g, y);
      columnX.set(g, c * (layersWidth + o.columnGap));
      y += bandHeight(g) + o.groupGap;
    }
    height = Math.max(height, y - o.groupGap);
  });
  const positions = new Map();
  const rowOf = new Map();
  membersByLayer.forEach((byGroup, layer) => {
    byGroup.forEach((members, g) => {
      const rows = rowsOf.get(g);
      const k = members.length;
      // the row each member would like: its placed neighbours' mean row in the same group, else centred
      const desired = members.map((id, i) => {
        const placed = [...preds.get(id), ...succs.get(id)].filter((n) => rowOf.has(n) && groupOf.get(n) === g);
        return placed.length ? placed.reduce((s, n) => s + rowOf.get(n), 0) / placed.length : (rows - k) / 2 + i;
      });
      let previous = -1;
      members.forEach((id, i) => {
        const row = Math.min(Math.max(Math.round(desired[i]), previous + 1), rows - (k - i));
        rowOf.set(id, row);
        previous = row;
        positions.set(id, {
          x: columnX.get(g) + o.groupPadX + layer * (o.nodeWidth + o.layerGap),
          y: bandTop.get(g) + o.groupPadTop + row * rowStep,
          layer,
        });
      });
    });
  });
  const groups = new Map();
  for (const g of groupNames) {
    const members = ids.filter((id) => groupOf.get(id) === g).map((id) => positions.get(id));
    const minX = Math.min(...members.map((p) => p.x));
    const maxX = Math.max(...members.map((p) => p.x));
    groups.set(g, {
      x: minX - o.groupPadX,
      y: bandTop.get(g),
      width: maxX - minX + o.nodeWidth + 2 * o.groupPadX,
      height: bandHeight(g),
    });
  }
  const width = columns.length * layersWidth + (columns.length - 1) * o.columnGap;
  return { nodes: positions, groups, width, height, reversed, options: o };
}
