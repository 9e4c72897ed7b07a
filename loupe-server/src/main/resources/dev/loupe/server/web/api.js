// The JSON API of loupe serve (see /openapi.json). Every function throws an Error whose message is the server's.

async function call(method, path, body, contentType) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.body = contentType === 'application/json' ? JSON.stringify(body) : body;
    init.headers['Content-Type'] = contentType;
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new Error('The Loupe server cannot be reached — is loupe serve still running?');
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    data = null;
  }
  if (!response.ok) {
    const message = data && data.error ? data.error : `${response.status} ${response.statusText}`;
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return data;
}

/** POST /api/search with one request object (text, image, upload, terms, measure, filters, k, cursor). */
export const search = (request) => call('POST', '/api/search', request, 'application/json');

/** POST /api/images: uploads a query image (a File or Blob), returns {id, width, height, …}. */
export const upload = (file) => call('POST', '/api/images', file, file.type || 'application/octet-stream');

export const status = () => call('GET', '/api/status');

export const folders = () => call('GET', '/api/folders');

export const tags = (id, k = 12) => call('GET', `/api/tags/${encodeURIComponent(id)}?k=${k}`);

/** GET /api/images/{id}/text: the words the index holds for an image (names, metadata, OCR text and state). */
export const text = (id) => call('GET', `/api/images/${encodeURIComponent(id)}/text`);

export const startIndex = (roots) => call('POST', '/api/index', { roots }, 'application/json');

/** GET /api/duplicates: groups of exact duplicates, near-duplicates and similar shots (paths: limit to these). */
export const duplicates = (paths = []) =>
  call('GET', '/api/duplicates' + (paths.length ? '?' + paths.map((p) => `path=${encodeURIComponent(p)}`).join('&') : ''));

export const thumbnailUrl = (id) => `/api/images/${encodeURIComponent(id)}/thumbnail`;

export const imageUrl = (id) => `/api/images/${encodeURIComponent(id)}`;
