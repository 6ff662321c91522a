import { randomUUID } from 'node:crypto';
import { trace, SpanStatusCode } from '@opentelemetry/api';
import { useGraphQLSSE } from '@graphql-yoga/plugin-graphql-sse';
import { RustyError } from '@rustygpt/core';
import { GraphQLError, Kind, getOperationAST, type OperationDefinitionNode } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Viewer } from './auth/viewer';
import type { ApiContext, Services } from './context';
import { maskError, toGraphQLError } from './errors';
import { RateLimiter } from './limits/rate-limiter';
import { createOperationLimitCheck } from './limits/operation-limits';
import { lazyLoaders } from './loaders';
import { getSchema } from './schema';

/** What the HTTP and WebSocket layers put in yoga's initial context. */
export interface ServerContext {
  /** Set by the WebSocket layer, which authenticates once per connection. */
  wsViewer?: Viewer | null;
  requestId?: string;
  /** Remote address, the rate-limit key of anonymous callers. */
  clientAddress?: string;
}

/** Content types a browser may POST cross-site without a preflight (CSRF vector). */
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
/** Any of these headers proves the request was not a simple cross-site form post. */
export const CSRF_HEADERS = ['x-rustygpt-csrf', 'x-graphql-yoga-csrf', 'apollo-require-preflight'];

/** Authentication errors reach the client as typed GraphQL errors (UNAUTHENTICATED, FORBIDDEN). */
function asGraphQLError(error: unknown): unknown {
  return error instanceof RustyError ? toGraphQLError(error) : error;
}

/** Why a request was refused before GraphQL saw it. */
interface Refusal {
  status: number;
  message: string;
  code: 'FORBIDDEN' | 'BAD_USER_INPUT';
}

/**
 * CSRF prevention: a POST must use a content type that forces a CORS preflight (such as
 * application/json), or carry a custom header. GET never runs mutations (yoga refuses them).
 */
export function csrfRefusal(request: Request): Refusal | null {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!SIMPLE_CONTENT_TYPES.includes(type) && type !== '') return null;
  if (CSRF_HEADERS.some((h) => request.headers.has(h))) return null;
  return {
    status: 403,
    code: 'FORBIDDEN',
    message:
      'Refused a request that could be a cross-site request forgery: send application/json or an x-rustygpt-csrf header.',
  };
}

/** Bodies above `maxBodyBytes` get 413; a POST without Content-Length gets 411. */
export function bodySizeRefusal(request: Request, maxBodyBytes: number): Refusal | null {
  const length = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(length) && length <= maxBodyBytes) return null;
  return Number.isFinite(length)
    ? { status: 413, code: 'BAD_USER_INPUT', message: `request body exceeds ${maxBodyBytes} bytes` }
    : { status: 411, code: 'BAD_USER_INPUT', message: 'a Content-Length header is required' };
}

/** Parse and validation failures are the client's: they carry BAD_USER_INPUT like other input errors. */
function labelClientError(error: GraphQLError): void {
  (error.extensions as Record<string, unknown>).code = 'BAD_USER_INPUT';
}

/** Operations whose rate-limit cost is 5 (they run the DAG or write a bundle); everything else costs 1. */
const HEAVY_MUTATIONS = new Set(['sendMessage', 'ask', 'importBundle']);

function rateCostOf(op: OperationDefinitionNode | null | undefined): number {
  if (op?.operation !== 'mutation') return 1;
  const heavy = op.selectionSet.selections.some(
    (s) => s.kind === Kind.FIELD && HEAVY_MUTATIONS.has(s.name.value),
  );
  return heavy ? 5 : 1;
}

/**
 * Operation names become a metric label: a client could invent unboundedly many, so past this many
 * distinct names the rest are recorded as `other` (bounded series, bounded memory).
 */
const MAX_OPERATION_LABELS = 200;

/** Maps names to themselves until `max` distinct names were seen, and later new ones to `other`. */
export function boundedLabels(max: number): (name: string) => string {
  const seen = new Set<string>();
  return (name) => {
    if (seen.has(name)) return name;
    if (seen.size >= max) return 'other';
    seen.add(name);
    return name;
  };
}

/**
 * The API's request policy as one yoga plugin with one hook per phase (seven separate plugins
 * cost a dispatch each on every request):
 * - onRequest: CSRF prevention and the body size limit (refused before parsing);
 * - onParams: the variables size limit;
 * - onParse / onValidate: client errors labelled BAD_USER_INPUT;
 * - onExecute / onSubscribe: depth, breadth, alias and cost limits, then the per-user (or
 *   per-address for anonymous callers) token-bucket rate limit, then operation metrics and a span.
 */
function useApiPolicy(services: Services, limiter: RateLimiter): Plugin<ApiContext> {
  const { limits } = services.config;
  const checkLimits = createOperationLimitCheck(limits);
  const tracer = trace.getTracer('@rustygpt/api');
  const labelOf = boundedLabels(MAX_OPERATION_LABELS);

  const rateLimited = (ctx: ApiContext, cost: number): GraphQLError | null => {
    const key = ctx.viewer ? `u:${ctx.viewer.user.id}` : `anon:${ctx.clientAddress}`;
    const decision = limiter.take(key, cost);
    if (decision.allowed) return null;
    services.metrics.rateLimited.inc();
    const seconds = Math.max(1, Math.ceil(decision.retryInMs / 1000));
    return new GraphQLError(`Rate limit exceeded; retry in ${decision.retryInMs} ms.`, {
      extensions: {
        code: 'RATE_LIMITED',
        retryInMs: decision.retryInMs,
        http: { status: 429, headers: { 'Retry-After': String(seconds) } },
      },
    });
  };

  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      const refusal = csrfRefusal(request) ?? bodySizeRefusal(request, limits.maxBodyBytes);
      if (!refusal) return;
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: refusal.code } }] }),
          { status: refusal.status, headers: { 'content-type': 'application/json' } },
        ),
      );
    },
    onParams({ params }) {
      if (params.variables && JSON.stringify(params.variables).length > limits.maxVariablesBytes) {
        throw new GraphQLError(`variables exceeds ${limits.maxVariablesBytes} bytes`, {
          extensions: { code: 'BAD_USER_INPUT', limit: 'variables', http: { status: 413 } },
        });
      }
    },
    onParse() {
      return ({ result }) => {
        if (result instanceof GraphQLError) labelClientError(result);
      };
    },
    onValidate() {
      return ({ valid, result }) => {
        if (!valid) for (const error of result) labelClientError(error);
      };
    },
    onExecute({ args, setResultAndStopExecution }) {
      const refused = checkLimits(args);
      if (refused.length > 0) return setResultAndStopExecution({ errors: refused });
      const op = getOperationAST(args.document, args.operationName);
      const limited = rateLimited(args.contextValue, rateCostOf(op));
      if (limited) return setResultAndStopExecution({ errors: [limited] });
      const type = op?.operation ?? 'query';
      const name = labelOf(args.operationName ?? op?.name?.value ?? 'anonymous');
      const end = services.metrics.graphqlDuration.startTimer({ operation: name, type });
      const span = tracer.startSpan(`graphql.${type} ${name}`, {
        attributes: { 'graphql.operation.type': type, 'graphql.operation.name': name },
      });
      return {
        onExecuteDone({ result }) {
          end();
          if ('errors' in result && result.errors && result.errors.length > 0) {
            span.setStatus({ code: SpanStatusCode.ERROR, message: result.errors[0]?.message ?? 'error' });
          }
          span.end();
        },
      };
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refused = checkLimits(args);
      if (refused.length > 0) return setResultAndStopExecution({ errors: refused });
      const limited = rateLimited(args.contextValue, 1);
      if (limited) setResultAndStopExecution({ errors: [limited] });
    },
  };
}

/** Builds the GraphQL yoga instance (HTTP + SSE at /graphql and /graphql/stream) over the services. */
export function createApp(services: Services): YogaServerInstance<ServerContext, ApiContext> {
  const { config, logger } = services;
  const limiter = new RateLimiter(config.limits.ratePerMinute, config.limits.rateBurst);
  const isDev = config.env === 'development';
  return createYoga<ServerContext, ApiContext>({
    schema: getSchema(),
    graphqlEndpoint: '/graphql',
    // The body limit is enforced from Content-Length in useApiPolicy.onRequest, before anything is
    // read: POST is the only method yoga reads a body for, a POST without a Content-Length (chunked)
    // is refused with 411, and Node's HTTP parser never hands over more bytes than the header says.
    // Yoga's own limiter re-counts every body through a TransformStream pipeline, which measured
    // ≈ 130 µs of CPU per request (more than the whole rest of a simple query): off.
    maxRequestBodySize: false,
    landingPage: false,
    graphiql: config.graphiql ? { title: 'RustyGPT', subscriptionsProtocol: 'WS' } : false,
    logging: {
      debug: (...args) => logger.debug({ yoga: args.map(String) }, 'yoga'),
      info: (...args) => logger.info({ yoga: args.map(String) }, 'yoga'),
      warn: (...args) => logger.warn({ yoga: args.map(String) }, 'yoga'),
      error: (...args) =>
        logger.error({ yoga: args.map((a) => (a instanceof Error ? a.message : String(a))) }, 'yoga'),
    },
    maskedErrors: {
      maskError: (error, message) => {
        const masked = maskError(error, message, isDev);
        if (masked.extensions.code === 'INTERNAL') {
          const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
          logger.error({ err: original, path: masked.path }, 'unexpected error (masked for the client)');
        }
        return masked;
      },
    },
    // Synchronous when the credential is cached (the common case): no promise per request.
    context: (initial): ApiContext | Promise<ApiContext> => {
      const build = (viewer: Viewer | null): ApiContext => ({
        services,
        viewer,
        loaders: lazyLoaders(services.data, viewer),
        requestId: initial.requestId ?? randomUUID(),
        clientAddress: initial.clientAddress ?? 'unknown',
        logger,
      });
      if (initial.wsViewer !== undefined) return build(initial.wsViewer);
      const authorization = initial.request.headers.get('authorization');
      let known: Viewer | null | undefined;
      try {
        known = services.auth.peek(authorization);
      } catch (error) {
        throw asGraphQLError(error);
      }
      if (known !== undefined) return build(known);
      return services.auth.authenticate(authorization).then(build, (error: unknown) => {
        throw asGraphQLError(error);
      });
    },
    plugins: [useApiPolicy(services, limiter), useGraphQLSSE({ endpoint: '/graphql/stream' })],
  });
}
