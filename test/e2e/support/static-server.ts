// The merchant's web server in these tests: fixed pages (with any headers, e.g. a CSP) and
// directories (the built files, the test apps), on its own port, so on another origin than the
// sandbox's.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
};

export interface StaticPage {
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface StaticServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Serves `page` at `path` (replacing any page there). */
  page(path: string, page: StaticPage): void;
  /** Serves the files under `directory` at `prefix` (e.g. '/dist/'). */
  directory(prefix: string, directory: string): void;
  close(): Promise<void>;
}

export async function startStaticServer(): Promise<StaticServer> {
  const pages = new Map<string, StaticPage>();
  const directories: Array<{ prefix: string; directory: string }> = [];

  const server: Server = createServer((request, response) => {
    void (async () => {
      const { pathname } = new URL(request.url ?? '/', 'http://localhost');
      const page = pages.get(pathname);
      if (page) {
        response.writeHead(200, { 'content-type': page.contentType ?? contentTypes['.html']!, 'cache-control': 'no-store', ...page.headers });
        response.end(page.body);
        return;
      }
      const mount = directories.find(({ prefix }) => pathname.startsWith(prefix));
      if (mount) {
        const relative = normalize(decodeURIComponent(pathname.slice(mount.prefix.length)));
        if (!relative.startsWith('..')) {
          const body = await readFile(join(mount.directory, relative)).catch(() => null);
          if (body) {
            response.writeHead(200, { 'content-type': contentTypes[extname(relative)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
            response.end(body);
            return;
          }
        }
      }
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('Not found');
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    page: (path, page) => void pages.set(path, page),
    directory: (prefix, directory) => void directories.push({ prefix, directory }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
