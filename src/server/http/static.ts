import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sep } from 'node:path';
import { notFoundAnswer } from './errors';

/** A path that tries to climb out of the app (`..`, encoded dots, slashes or backslashes): never a page of it. */
function climbs(url: string): boolean {
  const path = url.split('?')[0]!;
  return /%2e|%2f|%5c|\\/i.test(path) || path.split('/').some((seg) => seg === '..' || seg === '.');
}

/**
 * Serves the built app: hashed files under assets/ are cached for a year (their name changes with
 * their content); everything else (index.html, sw.js, the manifest) is revalidated on every load so
 * that an update reaches the tablets. Navigations outside /api get index.html (the app routes itself).
 */
export async function registerStatic(app: FastifyInstance, root: string): Promise<void> {
  const assets = `${sep}assets${sep}`;
  await app.register(fastifyStatic, {
    root,
    cacheControl: false,
    allowedPath: (_pathname, _root, request) => !climbs(request.url),
    setHeaders(res, path) {
      res.setHeader('Cache-Control', path.includes(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.setNotFoundHandler((request, reply) => {
    const navigation =
      (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/api/') && request.url !== '/api' && !climbs(request.url);
    if (!navigation) return reply.code(404).send(notFoundAnswer());
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });
}
