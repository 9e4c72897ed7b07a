// The duplicates page: the groups of GET /api/duplicates, each with its images, kind and the one to keep.
import { duplicates, thumbnailUrl, imageUrl } from './api.js';

const KIND = { EXACT: 'exact copies', NEAR: 'near-duplicates', SIMILAR: 'similar shots' };

function figure(image, caption, keep) {
  const fig = document.createElement('figure');
  if (keep) fig.className = 'keep';
  const link = document.createElement('a');
  link.href = imageUrl(image.id);
  const img = document.createElement('img');
  img.src = thumbnailUrl(image.id);
  img.alt = image.path;
  img.loading = 'lazy';
  link.append(img);
  const text = document.createElement('figcaption');
  text.textContent = `${keep ? 'keep: ' : ''}${image.path} (${image.width}×${image.height}) ${caption}`;
  fig.append(link, text);
  return fig;
}

function group(g, n) {
  const section = document.createElement('section');
  section.className = 'dup-group';
  const title = document.createElement('h2');
  const kind = document.createElement('span');
  kind.className = `dup-kind ${g.kind}`;
  kind.textContent = KIND[g.kind] || g.kind;
  title.append(`${n}. `, kind, ` — ${g.others.length + 1} images; keep the outlined one: ${g.reason}`);
  const images = document.createElement('div');
  images.className = 'dup-images';
  images.append(figure(g.keeper, '', true), ...g.others.map((m) => figure(m.image, `— ${m.relation}`, false)));
  section.append(title, images);
  return section;
}

async function main() {
  const status = document.getElementById('dup-status');
  const list = document.getElementById('dup-groups');
  const paths = new URLSearchParams(location.search).getAll('path');
  try {
    const r = await duplicates(paths);
    const count = (k) => r.groups.filter((g) => g.kind === k).length;
    status.textContent = `${r.images} images: ${count('EXACT')} groups of exact copies, ${count('NEAR')} of `
      + `near-duplicates, ${count('SIMILAR')} of similar shots (${r.seconds.toFixed(1)} s)`;
    r.groups.forEach((g, i) => list.append(group(g, i + 1)));
  } catch (e) {
    status.textContent = e.message;
  }
}

main();
