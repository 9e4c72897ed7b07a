// The refinement chain: every change to the query is a new step, so each can be undone. Steps are plain frozen
// objects; nothing here touches the page.
//
// A step: { base, modifier, chips, measure, label, composer }
//   base      {kind: 'text', text} | {kind: 'image', id, name} | {kind: 'upload', id, name}
//   modifier  text composed with an image base ("in red"), or ''
//   chips     [{role: 'plus' | 'minus', text}]
//   measure   'diff' | 'sum'
//   label     what this step changed, for the breadcrumbs
//   composer  the name of a composer registered with the index that combines the image and the modifier, or ''
//             (absent: '') for the untrained sum

export const DEFAULT_MEASURE = 'sum';

const freeze = (step) => Object.freeze({ ...step, chips: Object.freeze([...step.chips]) });

export function textStep(text, measure = DEFAULT_MEASURE) {
  return freeze({ base: { kind: 'text', text }, modifier: '', chips: [], measure, label: `“${text}”` });
}

export function imageStep(id, name, measure = DEFAULT_MEASURE) {
  return freeze({ base: { kind: 'image', id, name }, modifier: '', chips: [], measure, label: `like ${name}` });
}

export function uploadStep(id, name, measure = DEFAULT_MEASURE) {
  return freeze({ base: { kind: 'upload', id, name }, modifier: '', chips: [], measure, label: name });
}

/** Parses chip input: "+dog", "-cat", "−cat" or a plain word (then {@code role} decides). */
export function parseChip(input, role) {
  let text = input.trim();
  let r = role;
  if (/^[+]/.test(text)) {
    r = 'plus';
    text = text.slice(1).trim();
  } else if (/^[-−–]/.test(text)) {
    r = 'minus';
    text = text.slice(1).trim();
  }
  return text ? { role: r, text } : null;
}

export const chipLabel = (chip) => `${chip.role === 'minus' ? '−' : '+'} ${chip.text}`;

export function withChip(step, chip) {
  return freeze({ ...step, chips: [...step.chips, chip], label: chipLabel(chip) });
}

export function withoutChip(step, index) {
  const removed = step.chips[index];
  return freeze({ ...step, chips: step.chips.filter((_, i) => i !== index), label: `without ${chipLabel(removed)}` });
}

export function withMeasure(step, measure) {
  return freeze({ ...step, measure, label: measure });
}

export function withModifier(step, modifier) {
  const m = modifier.trim();
  return freeze({ ...step, modifier: m, label: m ? `change: ${m}` : 'no change' });
}

export function withComposer(step, composer) {
  return freeze({ ...step, composer, label: composer ? `composer: ${composer}` : 'untrained sum' });
}

export const hasImageBase = (step) => step.base.kind === 'image' || step.base.kind === 'upload';

/** The body of POST /api/search for a step, the page's filters, and a page size (and cursor for later pages). */
export function toRequest(step, filters, k, cursor) {
  const request = { k, measure: step.measure };
  if (step.base.kind === 'text') request.text = step.base.text;
  if (step.base.kind === 'image') request.image = step.base.id;
  if (step.base.kind === 'upload') request.upload = step.base.id;
  const terms = [];
  if (step.modifier && hasImageBase(step)) {
    terms.push({ text: step.modifier, role: 'base' });
    if (step.composer) request.composer = step.composer;
  }
  for (const chip of step.chips) terms.push({ text: chip.text, role: chip.role });
  if (terms.length) request.terms = terms;
  const f = {};
  if (filters.folder) f.folder = filters.folder;
  if (filters.from) f.from = filters.from;
  if (filters.to) f.to = filters.to;
  if (Object.keys(f).length) request.filters = f;
  if (filters.mode && step.base.kind === 'text') request.mode = filters.mode;
  if (filters.sort && filters.sort !== 'relevance') request.sort = filters.sort;
  if (cursor) request.cursor = cursor;
  return request;
}
