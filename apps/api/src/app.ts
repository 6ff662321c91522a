import { randomUUID } from 'node:crypto';
import { trace, SpanStatusCode } from '@opentelemetry/api';
import { useGraphQLSSE } from '@graphql-yoga/plugin-graphql-sse';
import { RustyError } from '@rustygpt/core';
import { GraphQLError, getOperationAST } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Viewer } from './auth/viewer';
import type { ApiContext, Services } from './context';
import { maskError, toGraphQLError } from './errors';
import { RateLimiter } from './limits/rate-limiter';
import { useOperationLimits } from './limits/operation-limits';
import { createLoaders } from './loaders';
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

/**
 * CSRF prevention: a POST must use a content type that forces a CORS preflight (such as
 * application/json), or carry a custom header. GET never runs mutations (yoga refuses them).
 */
function useCsrfPrevention(): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!SIMPLE_CONTENT_TYPES.includes(type) && type !== '') return;
      if (CSRF_HEADERS.some((h) => request.headers.has(h))) return;
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({
            errors: [
              {
                message:
                  'Refused a request that could be a cross-site request forgery: send application/json or an x-rustygpt-csrf header.',
                extensions: { code: 'FORBIDDEN' },
              },
            ],
          }),
          { status: 403, headers: { 'content-type': 'application/json' } },
        ),
      );
    },
  };
}

/** Rejects request bodies and variables above the configured sizes (413). */
function useSizeLimits(maxBodyBytes: number, maxVariablesBytes: number): Plugin {
  const tooLarge = (what: string, limit: number) =>
    new GraphQLError(`${what} exceeds ${limit} bytes`, {
      extensions: { code: 'BAD_USER_INPUT', limit: what, http: { status: 413 } },
    });
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      const length = Number(request.headers.get('content-length') ?? NaN);
      if (Number.isFinite(length) && length <= maxBodyBytes) return;
      const status = Number.isFinite(length) ? 413 : 411;
      const message = Number.isFinite(length)
        ? `request body exceeds ${maxBodyBytes} bytes`
        : 'a Content-Length header is required';
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] }),
          {
            status,
            headers: { 'content-type': 'application/json' },
          },
        ),
      );
    },
    onParams({ params }) {
      if (params.variables && JSON.stringify(params.variables).length > maxVariablesBytes) {
        throw tooLarge('variables', maxVariablesBytes);
      }
    },
  };
}

/** Parse and validation failures are the client's: they carry BAD_USER_INPUT like other input errors. */
function useClientErrorCodes(): Plugin {
  const label = (error: GraphQLError) => {
    (error.extensions as Record<string, unknown>).code = 'BAD_USER_INPUT';
  };
  return {
    onParse() {
      return ({ result }) => {
        if (result instanceof GraphQLError) label(result);
      };
    },
    onValidate() {
      return ({ valid, result }) => {
        if (!valid) for (const error of result) label(error);
      };
    },
  };
}

/** Per-user (or per-address for anonymous callers) token-bucket rate limit on operations. */
function useRateLimit(limiter: RateLimiter, services: Services): Plugin<ApiContext> {
  const check = (ctx: ApiContext, cost: number): GraphQLError | null => {
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
  const costOf = (document: import('graphql').DocumentNode, name: string | null | undefined) => {
    const op = getOperationAST(document, name);
    if (op?.operation !== 'mutation') return 1;
    const heavy = op.selectionSet.selections.some(
      (s) =>
        s.kind === 'Field' &&
        (s.name.value === 'sendMessage' || s.name.value === 'ask' || s.name.value === 'importBundle'),
    );
    return heavy ? 5 : 1;
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = check(args.contextValue, costOf(args.document, args.operationName));
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = check(args.contextValue, 1);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}

/** Operation metrics and spans (one span per operation, child spans per root field). */
function useObservability(services: Services): Plugin<ApiContext> {
  const tracer = trace.getTracer('@rustygpt/api');
  return {
    onExecute({ args }) {
      const op = getOperationAST(args.document, args.operationName);
      const type = op?.operation ?? 'query';
      const name = args.operationName ?? op?.name?.value ?? 'anonymous';
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
    context: async (initial): Promise<ApiContext> => {
      const requestId = initial.requestId ?? randomUUID();
      let viewer: Viewer | null;
      if (initial.wsViewer !== undefined) {
        viewer = initial.wsViewer;
      } else {
        try {
          viewer = await services.auth.authenticate(initial.request.headers.get('authorization'));
        } catch (error) {
          throw error instanceof RustyError ? toGraphQLError(error) : error;
        }
      }
      return {
        services,
        viewer,
        loaders: createLoaders(services.data, viewer),
        requestId,
        clientAddress: initial.clientAddress ?? 'unknown',
        logger,
      };
    },
    plugins: [
      useClientErrorCodes(),
      useCsrfPrevention(),
      useSizeLimits(config.limits.maxBodyBytes, config.limits.maxVariablesBytes),
      useOperationLimits(config.limits),
      useRateLimit(limiter, services),
      useObservability(services),
      useGraphQLSSE({ endpoint: '/graphql/stream' }),
    ],
  });
}
