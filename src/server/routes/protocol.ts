import type { FastifyBodyParser, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { LIMITS } from '../../protocol/batch';
import { checkpointPayload } from '../../protocol/export';
import type { ServerContext } from '../context';
import { deviceSignatureChecker } from '../device-signatures';
import { enrollDevice, issueEnrollmentCode } from '../enrollment';
import { drainOversizedBody } from '../ingest/body-limit';
import { ingestBatch } from '../ingest/ingest';
import { parseSplit, SPLIT_MIN_BYTES } from '../ingest/batch-json';
import { strictJsonParser } from '../http/json-body';
import type { ServerKeyAnswer } from '../../protocol/office-api';

export interface ProtocolRouteOptions extends ServerContext {
  enrollRateLimit: { max: number; timeWindow: number };
  afterIngestCommit?: () => Promise<void>;
}

/** Tablet-facing routes of PROTOCOL.md: server key, enrollment, batches, the log checkpoint. */
export const protocolRoutes: FastifyPluginAsync<ProtocolRouteOptions> = async (app, ctx) => {
  const { store, signer, now } = ctx;
  const checkSignature = deviceSignatureChecker();

  app.get('/api/v1/server-key', async (): Promise<ServerKeyAnswer> => ({ alg: signer.alg, jwk: signer.jwk, keyId: signer.keyId }));

  app.get('/api/v1/log/checkpoint', async () => {
    const head = await store.logHead();
    return { logSize: head.size, logRoot: head.root, signed: signer.sign(checkpointPayload(head.size, head.root)) };
  });

  app.post('/api/v1/admin/enrollment-codes', { preHandler: ctx.requireAdmin, config: { rateLimit: ctx.adminRateLimit } }, async (request, reply) =>
    reply.code(201).send(await issueEnrollmentCode(store, request.body, now(), ctx.actorOf(request))),
  );

  app.post('/api/v1/devices', { config: { rateLimit: ctx.enrollRateLimit } }, async (request, reply) =>
    reply.code(201).send(await enrollDevice(store, request.body, now())),
  );

  // A context of its own for the batch body's JSON parser (batch-json.ts): the answers are the
  // framework's parser's, the large body is not decoded as one string.
  await app.register(async (batches) => {
    const whole = strictJsonParser(batches);
    batches.removeContentTypeParser('application/json');
    batches.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
      const split = body.length >= SPLIT_MIN_BYTES ? parseSplit(body, (text) => strictParse(whole, request, text)) : undefined;
      if (split !== undefined) done(null, split);
      else whole(request, body.toString('utf8'), done);
    });
    batches.post(
      '/api/v1/batches',
      {
        bodyLimit: LIMITS.batchBodyBytes,
        onRequest: drainOversizedBody(LIMITS.batchBodyBytes),
        // The request object stays referenced for a while after its answer: with the parsed batch
        // still on it, each young-generation collection between two batches copied the last
        // batch's records and promoted them (1.7 MiB surviving each, 0.23 MiB with it dropped
        // here; the collections' time halved: `npx tsx test/bench/ingest.ts` prints them).
        onResponse: async (request) => {
          request.body = undefined;
        },
      },
      async (request) => ingestBatch({ store, signer, now, checkSignature, afterCommit: ctx.afterIngestCommit }, request.body),
    );
  });
};

/** The framework's JSON parser as a function that returns or throws. */
function strictParse(parser: FastifyBodyParser<string>, request: FastifyRequest, text: string): unknown {
  let out: unknown;
  let error: unknown;
  void parser(request, text, (e, value) => {
    error = e;
    out = value;
  });
  if (error) throw error;
  return out;
}
