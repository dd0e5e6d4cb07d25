// Hash routing: #/page/more/parts?key=value

/** The current hash as path parts and query parameters. */
export function currentRoute() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, qs = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map((p) => {
    try { return decodeURIComponent(p); } catch { return p; }
  });
  return { parts, query: Object.fromEntries(new URLSearchParams(qs)) };
}

/** The page and its parameters for a route, or null for an unknown one. */
export function resolve({ parts, query }) {
  const [first, second] = parts;
  switch (first) {
    case 'graph':
    case 'catalog':
    case 'instances':
    case 'consumers':
    case 'dead-letters':
      return { page: first, params: { query } };
    case 'events':
      if (second === 'aggregate' && parts.length > 2) {
        return { page: 'aggregate', params: { id: parts.slice(2).join('/'), query } };
      }
      return { page: 'events', params: { sequence: second ?? null, query } };
    default:
      return null;
  }
}

/** A hash for a page with query parameters (blank ones omitted). */
export function href(path, query) {
  const qs = query ? new URLSearchParams(Object.entries(query).filter(([, v]) => v != null && v !== '')).toString() : '';
  return `#/${path}${qs ? `?${qs}` : ''}`;
}

/** Changes the hash without a navigation (no hashchange): keeps a page's state in its address. */
export function replaceHash(hash) {
  if (location.hash !== hash) history.replaceState(null, '', hash);
}
