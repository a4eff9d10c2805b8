import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answers one request; may be slow, may never finish (the server's close cuts it). */
export type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A request the server saw, for assertions on conditional GET and redirects. */
export interface SeenRequest {
  path: string;
  headers: IncomingMessage['headers'];
}

/** A real HTTP server on 127.0.0.1 serving feeds and pages from a route table. */
export interface FeedServer {
  /** `http://127.0.0.1:<port>` */
  base: string;
  url(path: string): string;
  route(path: string, handler: Route): void;
  requests: SeenRequest[];
  /** Requests seen for one path. */
  hits(path: string): SeenRequest[];
  close(): Promise<void>;
}

export async function createFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push({ path, headers: req.headers });
    const handler = routes.get(path);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    Promise.resolve(handler(req, res)).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err));
    });
  });
  // Idle keep-alive sockets stay open until close(). With Node's default (closed after 5 s idle),
  // a test that blocks the client's event loop for longer (parsing a 20 MB feed) left the client
  // a socket the server had closed, and the next request on it failed with ECONNRESET.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    url: (path) => `${base}${path}`,
    route: (path, handler) => {
      routes.set(path, handler);
    },
    requests,
    hits: (path) => requests.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        // Slow responses hold their sockets open; cut them so close() returns.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Serves a body with validators, answering 304 to a matching conditional GET. */
export function serve(
  body: string | (() => string),
  o: { contentType?: string; etag?: string; lastModified?: string; status?: number } = {},
): Route {
  return (req, res) => {
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const headers: Record<string, string> = {
      'content-type': o.contentType ?? 'application/rss+xml; charset=utf-8',
      ...(o.etag && { etag: o.etag }),
      ...(o.lastModified && { 'last-modified': o.lastModified }),
    };
    if ((o.etag && inm === o.etag) || (!o.etag && o.lastModified && ims === o.lastModified)) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(o.status ?? 200, headers).end(typeof body === 'function' ? body() : body);
  };
}

export function status(code: number, headers: Record<string, string> = {}): Route {
  return (_req, res) => {
    res.writeHead(code, { 'content-type': 'text/plain', ...headers }).end(`status ${code}`);
  };
}

export function redirect(to: string, code = 302): Route {
  return (_req, res) => {
    res.writeHead(code, { location: to }).end();
  };
}

/** Sends headers at once, then nothing for `ms` (or ever, until the server closes). */
export function slow(ms: number, body = ''): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
    const timer = setTimeout(() => res.end(body), ms);
    res.on('close', () => clearTimeout(timer));
  };
}

/** One RSS `<item>`; fields left out are left out of the XML. */
export interface RssItem {
  title?: string;
  link?: string;
  guid?: string;
  pubDate?: string;
  description?: string;
  content?: string;
}

export function rss(title: string, items: readonly RssItem[], extra = ''): string {
  const el = (name: string, v?: string, cdata = false) =>
    v === undefined ? '' : `<${name}>${cdata ? `<![CDATA[${v}]]>` : v}</${name}>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>${title}</title><link>http://news.example/</link>${extra}
${items
  .map(
    (i) =>
      `<item>${el('title', i.title)}${el('link', i.link)}${el('guid', i.guid)}${el('pubDate', i.pubDate)}${el('description', i.description, true)}${el('content:encoded', i.content, true)}</item>`,
  )
  .join('\n')}
</channel></rss>
`;
}

/** One Atom `<entry>`. */
export interface AtomEntry {
  id: string;
  title: string;
  link?: string;
  updated: string;
  published?: string;
  summary?: string;
  content?: string;
}

export function atom(title: string, entries: readonly AtomEntry[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>${title}</title><id>urn:feed</id><updated>2024-05-01T00:00:00Z</updated>
${entries
  .map(
    (e) =>
      `<entry><id>${e.id}</id><title type="html">${e.title}</title>${
        e.link ? `<link rel="alternate" href="${e.link}"/>` : ''
      }<updated>${e.updated}</updated>${e.published ? `<published>${e.published}</published>` : ''}${
        e.summary ? `<summary type="html">${e.summary}</summary>` : ''
      }${e.content ? `<content type="html"><![CDATA[${e.content}]]></content>` : ''}</entry>`,
  )
  .join('\n')}
</feed>
`;
}

/** A news page with the meta tags fetchArticle reads. */
export function page(o: {
  title: string;
  body: string;
  siteName?: string;
  published?: string;
}): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${o.title} | Site</title>
<meta property="og:title" content="${o.title}">
${o.siteName ? `<meta property="og:site_name" content="${o.siteName}">` : ''}
${o.published ? `<meta property="article:published_time" content="${o.published}">` : ''}
</head><body><article><h1>${o.title}</h1>${o.body}</article></body></html>`;
}
