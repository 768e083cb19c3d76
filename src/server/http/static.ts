import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sep } from 'node:path';
import { notFoundAnswer } from './errors';

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
    setHeaders(res, path) {
      res.setHeader('Cache-Control', path.includes(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.setNotFoundHandler((request, reply) => {
    const navigation = (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/api/') && request.url !== '/api';
    if (!navigation) return reply.code(404).send(notFoundAnswer());
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });
}
