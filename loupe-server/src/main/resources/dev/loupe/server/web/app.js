// The search page: wires the query chain (query.js), the API (api.js) and rendering (view.js) to the DOM.
import * as api from './api.js';
import * as q from './query.js';
import { card, h, renderBase, renderChips, renderCrumbs, renderDetail, renderTags, renderWords } from './view.js';

const PAGE = 24;
const $ = (id) => document.getElementById(id);

const state = {
  chain: [],                       // refinement steps; the last one is shown
  filters: { folder: '', from: '', to: '', mode: 'hybrid', sort: 'relevance' },
  hits: [],
  next: null,
  request: 0,                      // sequence number: answers to superseded requests are dropped
  answered: 0,                     // searches shown so far (also on <body data-searches>, for tests and tools)
  indexing: false,
  relevanceCutoff: 0.05,           // the server's default cut-off (status.relevanceCutoff)
  composers: [],                   // names of the usable composers registered with the index (status.composers)
};

const current = () => state.chain[state.chain.length - 1];

// ---- running queries ------------------------------------------------------------------------------------------

async function run({ append = false } = {}) {
  const step = current();
  const seq = ++state.request;
  showError(null);
  if (!step) {
    state.hits = [];
    state.next = null;
    render();
    return;
  }
  document.body.classList.add('loading');
  try {
    const answer = await api.search(q.toRequest(step, state.filters, PAGE, append ? state.next : null));
    if (seq !== state.request) return;
    state.hits = append ? state.hits.concat(answer.hits) : answer.hits;
    state.next = answer.next;
    render({ append });
    document.body.dataset.searches = String(++state.answered);
  } catch (e) {
    if (seq === state.request) {
      showError(e.message);
      document.body.dataset.searches = String(++state.answered);
    }
  } finally {
    if (seq === state.request) document.body.classList.remove('loading');
  }
}

function push(step) {
  state.chain.push(step);
  run();
}

function undo() {
  if (state.chain.length === 0) return;
  state.chain.pop();
  run();
}

function goTo(index) {
  state.chain.length = index + 1;
  run();
}

// ---- rendering ------------------------------------------------------------------------------------------------

function render({ append = false } = {}) {
  const step = current();
  $('query').hidden = !step;
  $('undo').disabled = state.chain.length === 0;
  if (step) {
    renderBase($('base'), step);
    renderChips($('chips'), step, (i) => push(q.withoutChip(step, i)));
    renderCrumbs($('crumbs'), state.chain, goTo);
    $('modifier-form').hidden = !q.hasImageBase(step);
    $('modifier').value = step.modifier;
    renderComposers(step);
    $(`measure-${step.measure}`).checked = true;
    if (step.base.kind === 'text' && document.activeElement !== $('q')) $('q').value = step.base.text;
  }
  const grid = $('results');
  const handlers = { onOpen: openDetail, onMore: moreLikeThis };
  const start = append ? grid.children.length : 0;
  const cards = state.hits.slice(start).map((hit, i) => card(hit, start + i, handlers));
  if (append) grid.append(...cards); else grid.replaceChildren(...cards);
  $('empty').hidden = state.hits.length > 0 || !!step;
  $('more').hidden = !state.next;
  if (step && state.hits.length === 0) showError('No photos match. Try other words, or loosen the filters.');
  setUpCutoff(append);
}

// The cut-off slider hides the weaker matches. When the hits carry a relevance (how likely each image matches the
// text, 0 to 1: plain text queries), it runs over relevance and starts at the server's default cut-off, which
// hides very unlikely matches; "Show all" (one click) moves it to 0. Otherwise it spans the raw scores on the page.
const byRelevance = () => state.hits.length > 0 && state.hits.every((hit) => typeof hit.relevance === 'number');

function setUpCutoff(keepValue) {
  const slider = $('cutoff');
  if (state.hits.length === 0) {
    slider.disabled = true;
    $('cutoff-value').textContent = '–';
    $('shown').textContent = '';
    $('show-all').hidden = true;
    return;
  }
  const relevance = byRelevance();
  const previous = Number(slider.value);
  const wasRelevance = slider.dataset.mode === 'relevance';
  slider.dataset.mode = relevance ? 'relevance' : 'score';
  $('cutoff-label').textContent = relevance ? 'Relevance' : 'Cut-off';
  if (relevance) {
    slider.min = '0';
    slider.max = '1';
    slider.value = String(keepValue && wasRelevance ? previous : state.relevanceCutoff);
  } else {
    const scores = state.hits.map((hit) => hit.score);
    const lo = Math.floor(Math.min(...scores) * 100) / 100;
    const hi = Math.ceil(Math.max(...scores) * 100) / 100;
    slider.min = String(lo);
    slider.max = String(Math.max(hi, lo + 0.01));
    slider.value = String(keepValue && !wasRelevance ? Math.max(lo, previous) : lo);
  }
  slider.disabled = false;
  applyCutoff();
}

function applyCutoff() {
  const threshold = Number($('cutoff').value);
  const key = $('cutoff').dataset.mode === 'relevance' ? 'relevance' : 'score';
  let shown = 0;
  for (const node of $('results').children) {
    const visible = Number(node.dataset[key]) >= threshold - 1e-9;
    node.hidden = !visible;
    if (visible) shown++;
  }
  $('cutoff-value').textContent = threshold.toFixed(2);
  const hidden = state.hits.length - shown;
  $('shown').textContent = `${shown} of ${state.hits.length} shown`
    + (hidden > 0 && key === 'relevance' ? ` · ${hidden} unlikely match${hidden === 1 ? '' : 'es'} hidden` : '');
  $('show-all').hidden = hidden === 0;
}

function showAll() {
  $('cutoff').value = $('cutoff').min;
  applyCutoff();
}

function showError(message) {
  $('error').hidden = !message;
  $('error').textContent = message || '';
}

// ---- actions --------------------------------------------------------------------------------------------------

function searchText(text) {
  const t = text.trim();
  if (!t) return;
  push(q.textStep(t, current()?.measure));
}

async function searchPhoto(file) {
  if (!file || !file.type.startsWith('image/')) {
    showError('That is not an image file. Drop or pick a JPEG, PNG, GIF, WebP, BMP or TIFF photo.');
    return;
  }
  showError(null);
  document.body.classList.add('loading');
  try {
    const uploaded = await api.upload(file);
    push(q.uploadStep(uploaded.id, file.name || 'pasted photo', current()?.measure));
  } catch (e) {
    document.body.classList.remove('loading');
    showError(e.message);
  }
}

function moreLikeThis(hit) {
  closeDetail();
  push(q.imageStep(hit.id, hit.name, current()?.measure));
}

function addChip(role) {
  const step = current();
  const chip = q.parseChip($('chip-input').value, role);
  if (!step || !chip) return;
  $('chip-input').value = '';
  push(q.withChip(step, chip));
}

let detailHit = null;

async function openDetail(hit) {
  detailHit = hit;
  renderDetail(hit);
  const img = $('detail-image');
  img.onerror = () => { img.onerror = null; img.src = api.thumbnailUrl(hit.id); };
  img.src = api.imageUrl(hit.id);
  img.alt = hit.name;
  $('detail-tags').replaceChildren(h('li', { class: 'muted' }, 'Looking…'));
  $('detail').showModal();
  $('detail-words').replaceChildren();
  api.text(hit.id)
    .then((words) => { if (detailHit === hit) renderWords($('detail-words'), words); })
    .catch((e) => { if (detailHit === hit) $('detail-words').replaceChildren(h('dd', { class: 'muted' }, e.message)); });
  try {
    const answer = await api.tags(hit.id);
    if (detailHit === hit) renderTags($('detail-tags'), answer.tags, (tag) => { closeDetail(); searchText(tag); });
  } catch (e) {
    $('detail-tags').replaceChildren(h('li', { class: 'muted' }, e.message));
  }
}

function closeDetail() {
  if ($('detail').open) $('detail').close();
}

// ---- status, folders and indexing ----------------------------------------------------------------------------

async function refreshFolders() {
  try {
    const answer = await api.folders();
    const select = $('folder');
    const chosen = select.value;
    select.replaceChildren(h('option', { value: '' }, 'All folders'),
      ...answer.folders.map((f) => h('option', { value: f.path }, `${f.path} (${f.images})`)));
    select.value = answer.folders.some((f) => f.path === chosen) ? chosen : '';
  } catch (e) {
    // the folder list is a convenience; searching works without it
  }
}

let statusTimer = null;
let statusPolls = 0; // only the latest poll schedules the next one

async function pollStatus() {
  clearTimeout(statusTimer);
  const mine = ++statusPolls;
  let delay = 5000;
  try {
    const s = await api.status();
    if (mine !== statusPolls) return; // a newer poll is under way
    if (typeof s.relevanceCutoff === 'number') state.relevanceCutoff = s.relevanceCutoff;
    state.composers = (s.composers || []).filter((c) => !c.error).map((c) => c.name);
    if (current()) renderComposers(current());
    const n = s.index.images;
    $('status').textContent = `${n.toLocaleString()} photo${n === 1 ? '' : 's'} · model ${s.model.name}`;
    $('status').title = `${s.model.id} ${s.model.version} · ${s.index.path}`;
    if (!$('index-root').value && s.roots.length) $('index-root').value = s.roots[0];
    $('index-form').querySelector('button').disabled = !s.index.writable;
    const job = s.indexing;
    const running = job && job.state === 'running';
    $('progress').hidden = !job;
    if (job) {
      const total = job.total || 0;
      $('progress-bar').max = Math.max(total, 1);
      $('progress-bar').value = job.done;
      $('progress-text').textContent = running
        ? `Indexing ${job.done} of ${total || '…'} files`
        : job.state === 'done'
          ? `Done: ${job.report.indexed} new, ${job.report.updated} updated, ${job.report.removed} removed, ${job.report.skipped} skipped`
          : `Index run ${job.state}${job.error ? `: ${job.error}` : ''}`;
      if (running) {
        $('status').textContent += ` · indexing ${total ? Math.round((100 * job.done) / total) : 0}%`;
        delay = 1000;
      }
    }
    if (state.indexing && !running) {
      refreshFolders();
      if (current()) run();
    }
    state.indexing = !!running;
  } catch (e) {
    $('status').textContent = 'server unreachable';
  }
  if (mine === statusPolls) statusTimer = setTimeout(pollStatus, delay);
}

async function startIndex(root) {
  try {
    await api.startIndex([root]);
    state.indexing = true;
    $('progress').hidden = false;
    $('progress-text').textContent = 'Starting…';
    pollStatus();
  } catch (e) {
    showError(e.message);
  }
}

// ---- wiring ---------------------------------------------------------------------------------------------------

function isTyping(target) {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

function imageFrom(items) {
  for (const item of items || []) {
    const file = item instanceof File ? item : item.kind === 'file' ? item.getAsFile() : null;
    if (file && file.type.startsWith('image/')) return file;
  }
  return null;
}

// The "Change it" box offers the composers registered with the index (trained with 'loupe-lab train composer'),
// once the status lists any; the untrained sum stays the first choice.
function renderComposers(step) {
  const select = $('composer');
  const names = state.composers || [];
  const wanted = ['', ...names];
  const have = [...select.options].map((o) => o.value);
  if (wanted.join('\n') !== have.join('\n')) {
    select.replaceChildren(...wanted.map((name) => {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = name || 'untrained sum';
      return option;
    }));
  }
  select.hidden = names.length === 0;
  select.value = names.includes(step.composer) ? step.composer : '';
}

function wire() {
  $('search-form').addEventListener('submit', (e) => { e.preventDefault(); searchText($('q').value); });
  $('file').addEventListener('change', () => { searchPhoto($('file').files[0]); $('file').value = ''; });
  $('chip-form').addEventListener('submit', (e) => { e.preventDefault(); addChip('plus'); });
  $('add-minus').addEventListener('click', () => addChip('minus'));
  $('modifier-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (current()) push(q.withModifier(current(), $('modifier').value));
  });
  $('composer').addEventListener('change', () => {
    if (current()) push(q.withComposer(current(), $('composer').value));
  });
  for (const m of ['diff', 'sum']) {
    $(`measure-${m}`).addEventListener('change', () => { if (current()) push(q.withMeasure(current(), m)); });
  }
  $('undo').addEventListener('click', undo);
  $('more').addEventListener('click', () => run({ append: true }));
  $('cutoff').addEventListener('input', applyCutoff);
  $('show-all').addEventListener('click', showAll);
  for (const key of ['folder', 'from', 'to', 'mode', 'sort']) {
    $(key).addEventListener('change', () => { state.filters[key] = $(key).value; if (current()) run(); });
  }
  $('index-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const root = $('index-root').value.trim();
    if (root) startIndex(root);
  });
  $('detail-more').addEventListener('click', () => { if (detailHit) moreLikeThis(detailHit); });
  $('detail-modify').addEventListener('click', () => {
    if (!detailHit) return;
    moreLikeThis(detailHit);
    $('modifier').focus();
  });

  // drop or paste a photo anywhere
  let depth = 0;
  document.addEventListener('dragenter', (e) => {
    if (![...(e.dataTransfer?.types || [])].includes('Files')) return;
    depth++;
    $('drop').hidden = false;
  });
  document.addEventListener('dragleave', () => { depth = Math.max(0, depth - 1); if (!depth) $('drop').hidden = true; });
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    $('drop').hidden = true;
    const file = imageFrom(e.dataTransfer?.files);
    if (file) searchPhoto(file); else showError('Drop an image file (JPEG, PNG, GIF, WebP, BMP or TIFF).');
  });
  document.addEventListener('paste', (e) => {
    const file = imageFrom(e.clipboardData?.items);
    if (file) { e.preventDefault(); searchPhoto(file); }
  });

  // keyboard: / focuses the search box, U or Ctrl+Z undoes, arrows move through the results
  document.addEventListener('keydown', (e) => {
    if (isTyping(e.target) || $('detail').open) return;
    if (e.key === '/') { e.preventDefault(); $('q').focus(); }
    else if ((e.key === 'u' && !e.ctrlKey && !e.metaKey) || (e.key === 'z' && (e.ctrlKey || e.metaKey))) {
      e.preventDefault();
      undo();
    } else if (e.target.classList?.contains('card') && e.key.startsWith('Arrow')) {
      e.preventDefault();
      moveFocus(e.target, e.key);
    }
  });
}

function moveFocus(from, key) {
  const cards = [...$('results').children].filter((c) => !c.hidden);
  const i = cards.indexOf(from);
  const columns = Math.max(1, Math.round($('results').clientWidth / from.getBoundingClientRect().width));
  const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -columns, ArrowDown: columns }[key] || 0;
  const target = cards[Math.min(cards.length - 1, Math.max(0, i + step))];
  target?.focus();
}

wire();
render();
refreshFolders();
pollStatus();
