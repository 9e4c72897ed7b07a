// Rendering: turns state into DOM. Builds elements with textContent only (never innerHTML), so file names and
// texts from the index cannot inject markup.
import { thumbnailUrl } from './api.js';
import { chipLabel } from './query.js';

/** h('li', {class: 'x', dataset: {id}}, child, 'text') */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const formatScore = (score) => score.toFixed(2);

/** A hit's date as the day, in the browser's locale ('' when none). */
export const shortDate = (iso) => (iso ? new Date(iso).toLocaleDateString() : '');

/** One result card: thumbnail, score, name; "More like this" on it. */
export function card(hit, index, { onOpen, onMore }) {
  const relevant = typeof hit.relevance === 'number';
  const title = `${hit.name} — ${relevant ? `relevance ${formatScore(hit.relevance)}, ` : ''}score ${formatScore(hit.score)}`;
  const dataset = { id: hit.id, path: hit.path, score: String(hit.score), index: String(index) };
  if (relevant) dataset.relevance = String(hit.relevance);
  return h('li', {
      class: 'card', tabindex: 0, role: 'button', 'aria-label': title, dataset,
      onclick: (e) => { if (!e.target.closest('.more-like')) onOpen(hit); },
      onkeydown: (e) => {
        if (e.target !== e.currentTarget) return;
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onOpen(hit); }
        if (e.key === 'm' || e.key === 'M') { e.preventDefault(); onMore(hit); }
      },
    },
    h('img', { src: thumbnailUrl(hit.id), alt: '', loading: 'lazy', decoding: 'async', width: 256, height: 192 }),
    relevant
      ? h('span', { class: 'score', title: `how likely it matches the words (raw score ${formatScore(hit.score)})` },
        `${Math.round(hit.relevance * 100)}%`)
      : h('span', { class: 'score', title: 'similarity score' }, formatScore(hit.score)),
    ...(hit.matches || []).slice(0, 1).map(why),
    h('div', { class: 'caption' },
      h('span', { class: 'name', title: hit.path }, hit.name),
      h('time', { class: 'date', datetime: hit.taken || hit.modified,
        title: hit.taken ? 'Taken (EXIF date)' : 'File modified (no EXIF date)' }, shortDate(hit.taken || hit.modified)),
      h('button', { type: 'button', class: 'more-like', title: 'More like this (M)', onclick: () => onMore(hit) },
        'More like this')));
}

export function renderBase(container, step) {
  const base = step.base;
  container.replaceChildren(base.kind === 'text'
    ? h('span', { class: 'base-text' }, h('span', { class: 'base-kind' }, 'Words'), base.text)
    : h('span', { class: 'base-image' },
        h('img', { src: thumbnailUrl(base.id), alt: '' }),
        h('span', {}, h('span', { class: 'base-kind' }, base.kind === 'upload' ? 'Your photo' : 'Like'), base.name)));
}

export function renderChips(list, step, onRemove) {
  list.replaceChildren(...step.chips.map((chip, i) => h('li', { class: `chip ${chip.role}`, dataset: { role: chip.role } },
    h('span', {}, chipLabel(chip)),
    h('button', { type: 'button', 'aria-label': `Remove ${chipLabel(chip)}`, title: 'Remove', onclick: () => onRemove(i) }, '×'))));
}

export function renderCrumbs(list, chain, onGo) {
  list.replaceChildren(...chain.map((step, i) => {
    const current = i === chain.length - 1;
    return h('li', {},
      current
        ? h('span', { class: 'crumb current', 'aria-current': 'step' }, step.label)
        : h('button', { type: 'button', class: 'crumb', onclick: () => onGo(i), title: 'Go back to this step' }, step.label));
  }));
}

function fact(name, value) {
  return value ? [h('dt', {}, name), h('dd', {}, value)] : [];
}

const FIELDS = { name: 'File name', metadata: 'Keywords', ocr: 'Text in photo', label: 'Label' };

/** Why a hit matched the words: the field and its passage with the matched words marked (no innerHTML). */
export function why(match) {
  const parts = [];
  let at = 0;
  for (const [start, end] of match.highlights) {
    if (start > at) parts.push(match.snippet.slice(at, start));
    parts.push(h('mark', {}, match.snippet.slice(start, end)));
    at = end;
  }
  if (at < match.snippet.length) parts.push(match.snippet.slice(at));
  return h('p', { class: 'why', dataset: { field: match.field }, title: `Matched in: ${FIELDS[match.field] || match.field}` },
    h('span', { class: 'why-field' }, FIELDS[match.field] || match.field), ' ', ...parts);
}

/** The detail view's words: OCR text and its state, metadata, file-name words. */
export function renderWords(list, words) {
  const ocr = words.ocrState === 'done' ? (words.ocr || 'none found')
    : words.ocrState === 'pending' ? 'not read yet'
      : words.ocrState === 'no-text' ? 'none (no text-like region)' : `failed: ${words.ocrNote}`;
  list.replaceChildren(
    ...fact('Text in photo', ocr),
    ...fact('Keywords', words.metadata),
    ...fact('File name', words.name));
}

export function renderDetail(hit) {
  const whyList = document.getElementById('detail-why');
  whyList.replaceChildren(...(hit.matches || []).map(why));
  whyList.hidden = !(hit.matches && hit.matches.length);
  document.getElementById('detail-name').textContent = hit.name;
  document.getElementById('detail-path').textContent = hit.path;
  const date = hit.taken || hit.modified;
  document.getElementById('detail-facts').replaceChildren(
    ...fact('Size', `${hit.width} × ${hit.height}`),
    ...fact(hit.taken ? 'Taken' : 'Modified', date ? new Date(date).toLocaleString() : ''),
    ...(typeof hit.relevance === 'number' ? fact('Relevance', formatScore(hit.relevance)) : []),
    ...fact('Score', formatScore(hit.score)),
    ...fact('Id', hit.id));
}

export function renderTags(list, tags, onTag) {
  list.replaceChildren(...tags.map((t) => h('li', {},
    h('button', { type: 'button', class: 'tag', title: `Search for “${t.tag}” (${formatScore(t.score)})`, onclick: () => onTag(t.tag) },
      t.tag, h('span', { class: 'tag-score' }, formatScore(t.score))))));
}
