// The console's REST API (relative to the page: the WAR's context root), with its errors as ApiError.

export class ApiError extends Error {
  constructor(status, message, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * Calls `api/<path>` and answers the parsed JSON (null for 204).
 * @param {string} path e.g. 'dead-events/7/retry'
 * @param {{method?: string, body?: any, params?: object}} options params: query parameters, blank ones omitted
 */
export async function api(path, { method = 'GET', body, params } = {}) {
  let url = `api/${path}`;
  if (params) {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v != null && v !== '') query.set(k, v);
    const qs = query.toString();
    if (qs) url += `?${qs}`;
  }
  // the header a cross-site form or script cannot send without the server's consent: the server refuses an
  // operation without it (a browser sends the console's BASIC credentials to it from any page)
  const headers = { Accept: 'application/json', 'X-Requested-By': 'recq-console' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(url, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, `the console server cannot be reached (${e.message})`, null);
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const message = (data && data.message) || (text && !text.trimStart().startsWith('<') ? text.slice(0, 300) : '')
      || response.statusText || `HTTP ${response.status}`;
    throw new ApiError(response.status, message, data && data.code);
  }
  return data;
}

/** What to tell the user about a failed call; `operation`: it was an admin operation, not a read. */
export function explain(error, operation = false) {
  if (!(error instanceof ApiError)) return String(error && error.message ? error.message : error);
  switch (error.status) {
    case 0:
      return `Cannot reach the console: ${error.message}`;
    case 401:
      return 'You are not signed in, or the server refused your credentials: you need the recq-operator role. '
        + 'Reload the page to sign in again.';
    case 403:
      return operation ? 'Only recq-admin may do this.'
        : 'You need the recq-operator role to see this.';
    case 503:
      return `The store or broker is unavailable: ${error.message}`;
    default: {
      const code = error.code && !error.message.startsWith(error.code) ? `${error.code}: ` : '';
      return `${code}${error.message}`;
    }
  }
}
