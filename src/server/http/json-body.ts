import type { FastifyBodyParser, FastifyInstance } from 'fastify';
import { ApiError } from './errors';

/**
 * The framework's strict JSON parser (a `__proto__` key, or a `constructor` holding `prototype`, is
 * refused: either would change what the server's objects are), answering such a body with what is
 * wrong with it. The framework's own answer said only that the body was not valid JSON, which it is.
 */
export function strictJsonParser(app: FastifyInstance): FastifyBodyParser<string> {
  const strict = app.getDefaultJsonParser('error', 'error');
  return (request, text, done) =>
    strict(request, text, (err, value) => {
      if (err && (err as { code?: string }).code === 'FST_ERR_CTP_INVALID_JSON_BODY' && parses(text)) {
        done(
          new ApiError(
            'malformed',
            'The request body has a "__proto__" key, or a "constructor" key holding "prototype"; the server refuses them (they would change its objects\' prototypes): rename or leave out the key.',
          ),
          undefined,
        );
      } else done(err, value);
    });
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Every application/json body of the app goes through strictJsonParser. */
export function installJsonBody(app: FastifyInstance): void {
  const parser = strictJsonParser(app);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parser);
}
