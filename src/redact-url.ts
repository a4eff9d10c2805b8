/** Query parameters whose values are secrets by their name: `api-key`, `token`, `sig`, `password`… */
const SECRET_PARAM = /key|token|secret|pass|pwd|auth|sig|credential|session|code/i;

const MASK = '***';

/**
 * A URL fit for a log line: user name and password replaced by `***`, and the values of query
 * parameters named like secrets (`?api-key=…`, `&token=…`) too. What is not a URL comes back
 * unchanged.
 */
export function redactUrl(href: string): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return href;
  }
  let changed = false;
  const userinfo = url.username !== '' || url.password !== '';
  const params = [...url.searchParams.keys()].filter((name) => SECRET_PARAM.test(name));
  if (!userinfo && params.length === 0) return href;
  for (const name of new Set(params)) {
    url.searchParams.set(name, MASK);
    changed = true;
  }
  const search = changed ? url.search.replaceAll(encodeURIComponent(MASK), MASK) : url.search;
  return `${url.protocol}//${userinfo ? `${MASK}@` : ''}${url.host}${url.pathname}${search}${url.hash}`;
}

/** Every URL inside a text (an error message, a log field), redacted by `redactUrl`. */
export function redactUrls(text: string): string {
  // A URL ends before a space or a quote, and before punctuation that ends the sentence.
  return text.includes('://')
    ? text.replace(/\b[a-z][\w+.-]*:\/\/[^\s"'<>]*[^\s"'<>.,;:!?)\]]/gi, redactUrl)
    : text;
}
