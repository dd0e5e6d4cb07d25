// The console's shell: the user, the overview strip, the navigation, and the two-second refresh of the page.
import { api, explain } from './api.js';
import { h, patchChildren } from './dom.js';
import { num, setServerTime } from './format.js';
import { currentRoute, resolve } from './router.js';
import { showError, clearError } from './ui.js';
import graph from './pages/graph.js';
import catalog from './pages/catalog.js';
import instances from './pages/instances.js';
import consumers from './pages/consumers.js';
import deadLetters from './pages/dead-letters.js';
import events from './pages/events.js';
import aggregate from './pages/aggregate.js';

const PAGES = { graph, catalog, instances, consumers, 'dead-letters': deadLetters, events, aggregate };
const NAV_OF = { aggregate: 'events' };
const INTERVAL_MS = 2000;

const ctx = {
  me: { user: '', admin: false },
  refreshNow,
};

let current = null; // {name, instance, root}
let timer = null;
let running = false;
let again = false;
let userPaused = false;
let lastSuccess = null;
let failing = false;

async function start() {
  document.getElementById('live').addEventListener('click', () => {
    userPaused = !userPaused;
    schedule();
    if (!userPaused) refreshNow();
  });
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && !userPaused) refreshNow();
    else schedule();
  });
  window.addEventListener('hashchange', route);
  try {
    ctx.me = await api('me');
    clearError('me');
  } catch (e) {
    showError('me', explain(e));
  }
  renderUser();
  route();
}

function renderUser() {
  const el = document.getElementById('user');
  el.replaceChildren(
    h('span', { class: 'user-name' }, ctx.me.user || 'unknown user'),
    h('span', { class: `badge role ${ctx.me.admin ? 'role-admin' : ''}` }, ctx.me.admin ? 'recq-admin' : 'recq-operator'));
}

function route() {
  const target = resolve(currentRoute());
  if (!target) {
    location.replace('#/graph');
    return;
  }
  for (const link of document.querySelectorAll('nav a[data-page]')) {
    link.classList.toggle('active', link.dataset.page === (NAV_OF[target.page] || target.page));
  }
  if (current && current.name === target.page && current.instance.route && current.instance.route(target.params)) {
    refreshNow();
    return;
  }
  if (current) {
    if (current.instance.unmount) current.instance.unmount();
    current.root.remove();
  }
  clearError('page');
  const root = h('section', { class: `page page-${target.page}` });
  document.getElementById('view').replaceChildren(root);
  document.getElementById('view').scrollTop = 0;
  const page = PAGES[target.page];
  document.title = `${page.title} · RECQ console`;
  current = { name: target.page, root, instance: page.mount(root, target.params, ctx) };
  refreshNow();
}

/** Refreshes the overview and the page now (and then every two seconds). */
function refreshNow() {
  if (running) {
    again = true;
    return;
  }
  tick();
}

async function tick() {
  running = true;
  clearTimeout(timer);
  const page = current;
  const results = await Promise.allSettled([
    refreshOverview(),
    page && page.instance.refresh ? page.instance.refresh() : null,
  ]);
  if (page === current) {
    const failure = results[1].status === 'rejected' ? results[1].reason : null;
    if (failure) showError('page', explain(failure));
    else clearError('page');
  }
  failing = results.some((r) => r.status === 'rejected');
  if (!failing) lastSuccess = Date.now();
  running = false;
  if (again) {
    again = false;
    tick();
  } else {
    schedule();
  }
}

function schedule() {
  clearTimeout(timer);
  if (!document.hidden && !userPaused) timer = setTimeout(tick, INTERVAL_MS);
  renderLive();
}

function renderLive() {
  const live = document.getElementById('live');
  let state = 'on';
  let text = 'Auto-refresh 2 s';
  if (userPaused) { state = 'paused'; text = 'Auto-refresh paused'; }
  else if (document.hidden) { state = 'paused'; text = 'Paused (hidden)'; }
  else if (failing) { state = 'error'; text = 'Refresh failing'; }
  live.dataset.state = state;
  live.title = `${userPaused ? 'Click to resume' : 'Click to pause'} the refresh every two seconds`
    + (lastSuccess ? ` · last update ${new Date(lastSuccess).toLocaleTimeString()}` : '');
  patchChildren(live, [h('span', { class: 'live-dot' }), h('span', null, text)]);
}

async function refreshOverview() {
  try {
    const o = await api('overview');
    setServerTime(o.at);
    clearError('overview');
    renderOverview(o);
  } catch (e) {
    showError('overview', explain(e));
    throw e;
  }
}

function renderOverview(o) {
  const item = (label, value, { cls = '', href, title } = {}) => {
    const content = [h('span', { class: 'ov-label' }, label), h('span', { class: 'ov-value' }, value)];
    return href ? h('a', { class: `ov-item ${cls}`, href, title }, content) : h('div', { class: `ov-item ${cls}`, title }, content);
  };
  const allReady = o.readyInstances === o.instances;
  patchChildren(document.getElementById('overview'), [
    item('Services', num(o.services), { href: '#/instances' }),
    item('Instances ready', `${num(o.readyInstances)} / ${num(o.instances)}`, { href: '#/instances', cls: allReady ? '' : 'warn' }),
    item('Consumers', num(o.consumers), { href: '#/consumers' }),
    item('Head', `#${num(o.head)}`, { href: '#/events', title: 'The sequence of the newest stored event' }),
    item('Max lag', num(o.maxLag), { href: '#/consumers', cls: o.maxLag > 0 ? 'notice' : '', title: 'The largest number of events a consumer is behind' }),
    item('Dead events', num(o.deadEvents), { href: '#/dead-letters', cls: o.deadEvents > 0 ? 'warn' : 'ok' }),
  ]);
  const count = document.querySelector('nav a[data-page="dead-letters"] .nav-count');
  count.textContent = o.deadEvents > 0 ? String(o.deadEvents) : '';
  count.hidden = !(o.deadEvents > 0);
}

start();
