import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context as otelContext, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { isRustyError } from '@rustygpt/core';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import type { Extra } from 'graphql-ws/use/ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Histogram } from 'prom-client';
import { WebSocketServer } from 'ws';
import { createApp, type ServerContext } from './app';
import type { Viewer } from './auth/viewer';
import { isLoopbackHost } from './config';
import type { Services } from './context';

/** A listening API server. */
export interface RunningServer {
  url: string;
  port: number;
  host: string;
  httpServer: Server;
  /** Graceful: stops accepting, lets running answers finish (up to the grace period), then closes. */
  close(): Promise<void>;
}

function routeOf(path: string): string {
  if (
    path === '/graphql' ||
    path === '/graphql/stream' ||
    path === '/healthz' ||
    path === '/readyz' ||
    path === '/metrics'
  ) {
    return path;
  }
  return 'other';
}

/** The path of a request target (`/graphql?x=1` → `/graphql`), without building a URL object. */
export function pathOf(target: string | undefined): string {
  if (!target) return '/';
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

function hostnameOf(hostHeader: string | undefined): string {
  if (!hostHeader) return '';
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  return hostHeader.split(':')[0] ?? '';
}

function originIsLoopback(origin: string | undefined): boolean {
  if (!origin) return true;
  try {
    return isLoopbackHost(new URL(origin).hostname);
  } catch {
    return false;
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Liveness and readiness: database reachable, models loaded, DAG nodes registered. */
async function readiness(services: Services): Promise<{ ready: boolean; checks: Record<string, unknown> }> {
  const checks: Record<string, unknown> = {};
  let ready = true;
  try {
    await services.data.ping();
    checks.database = 'ok';
  } catch (error) {
    ready = false;
    checks.database = isRustyError(error) ? error.message : 'unreachable';
  }
  try {
    const r = await services.engine.readiness();
    checks.models = r.modelsLoaded ? 'loaded' : (r.detail ?? 'not loaded');
    checks.nodes = r.nodes;
    if (!r.modelsLoaded || r.nodes.length === 0) ready = false;
  } catch {
    ready = false;
    checks.models = 'error';
  }
  checks.bus = services.bus.kind;
  return { ready, checks };
}

/** Starts HTTP (GraphQL, SSE, health, metrics) and graphql-ws on one port. */
export async function listen(
  services: Services,
  options: { host: string; port: number },
): Promise<RunningServer> {
  const { config, logger, metrics } = services;
  const yoga = createApp(services);
  const tracer = trace.getTracer('@rustygpt/api');
  const localMode = config.auth.mode === 'local';
  // Labelled histogram children, reused: label sets are few (route and status are bounded, and
  // Node's HTTP parser only accepts known methods), and resolving labels is per-request work.
  const httpDurations = new Map<string, Histogram.Internal<'method' | 'route' | 'status'>>();
  const httpDurationOf = (method: string, route: string, status: number) => {
    const key = `${method} ${route} ${status}`;
    let child = httpDurations.get(key);
    if (!child) {
      child = metrics.httpDuration.labels({ method, route, status: String(status) });
      httpDurations.set(key, child);
    }
    return child;
  };

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const pathname = pathOf(req.url);
    const route = routeOf(pathname);
    const requestId =
      (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].slice(0, 100)) ||
      randomUUID();
    res.setHeader('x-request-id', requestId);
    const probe = route === '/healthz' || route === '/readyz' || route === '/metrics';
    // Every request but the probes (health, readiness, metrics) gets a server span.
    const parent = propagation.extract(otelContext.active(), req.headers);
    const span = probe
      ? null
      : tracer.startSpan(
          `HTTP ${req.method} ${route}`,
          {
            kind: SpanKind.SERVER,
            attributes: {
              'http.request.method': req.method ?? 'GET',
              'url.path': pathname,
              'rustygpt.request_id': requestId,
            },
          },
          parent,
        );
    res.once('finish', () => {
      if (span) {
        span.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
      const seconds = (performance.now() - started) / 1000;
      httpDurationOf(req.method ?? 'GET', route, res.statusCode).observe(seconds);
      if (logger.isLevelEnabled('debug')) {
        logger.debug(
          {
            requestId,
            method: req.method,
            path: pathname,
            status: res.statusCode,
            ms: Math.round(seconds * 1000),
          },
          'request',
        );
      }
    });
    // DNS-rebinding guard: without credentials, local mode answers only loopback host names.
    if (localMode && !req.headers.authorization && !isLoopbackHost(hostnameOf(req.headers.host))) {
      json(res, 403, {
        errors: [
          { message: 'local mode answers loopback host names only', extensions: { code: 'FORBIDDEN' } },
        ],
      });
      return;
    }
    if (route === '/healthz') return json(res, 200, { status: 'ok' });
    if (route === '/readyz') {
      const r = await readiness(services);
      return json(res, r.ready ? 200 : 503, { status: r.ready ? 'ready' : 'not ready', ...r.checks });
    }
    if (route === '/metrics') {
      await services.refreshGauges?.();
      const body = await metrics.registry.metrics();
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      res.end(body);
      return;
    }
    const serverContext: ServerContext = { requestId, clientAddress: req.socket.remoteAddress ?? 'unknown' };
    await otelContext.with(span ? trace.setSpan(parent, span) : parent, () => yoga(req, res, serverContext));
  };

  const httpServer = createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent)
        json(res, 500, { errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL' } }] });
      else res.end();
    });
  });

  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: config.limits.maxBodyBytes,
  });
  const viewers = new WeakMap<object, Viewer | null>();
  useServer<Record<string, unknown> | undefined, Extra & Record<PropertyKey, unknown>>(
    {
      onConnect: async (ctx) => {
        const request = ctx.extra.request;
        if (localMode && !originIsLoopback(request.headers.origin)) {
          ctx.extra.socket.close(4403, 'Forbidden');
          return false;
        }
        const params = ctx.connectionParams ?? {};
        const fromParams = params.authorization ?? params.Authorization;
        const header = typeof fromParams === 'string' ? fromParams : (request.headers.authorization ?? null);
        try {
          const viewer = await services.auth.authenticate(header);
          if (!viewer) {
            ctx.extra.socket.close(4401, 'Unauthorized');
            return false;
          }
          viewers.set(ctx.extra, viewer);
          metrics.activeSubscriptions.inc({ kind: 'ws_connection' });
          return true;
        } catch (error) {
          const code = isRustyError(error) ? error.code : 'INTERNAL';
          ctx.extra.socket.close(
            code === 'FORBIDDEN' ? 4403 : 4401,
            code === 'FORBIDDEN' ? 'Forbidden' : 'Unauthorized',
          );
          return false;
        }
      },
      onDisconnect: (ctx) => {
        if (viewers.has(ctx.extra)) metrics.activeSubscriptions.dec({ kind: 'ws_connection' });
      },
      execute: (args: ExecutionArgs) =>
        (args.rootValue as { execute: (a: ExecutionArgs) => unknown }).execute(args) as never,
      subscribe: (args: ExecutionArgs) =>
        (args.rootValue as { subscribe: (a: ExecutionArgs) => unknown }).subscribe(args) as never,
      onSubscribe: async (ctx, _id, payload) => {
        const request = ctx.extra.request;
        const serverContext: ServerContext & { req: IncomingMessage } = {
          req: request,
          wsViewer: viewers.get(ctx.extra) ?? null,
          requestId: randomUUID(),
          clientAddress: request.socket.remoteAddress ?? 'unknown',
        };
        const enveloped = yoga.getEnveloped({
          ...serverContext,
          request: undefined as never,
          params: payload,
        });
        let document;
        try {
          document = enveloped.parse(payload.query);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('could not parse the query')];
        }
        const errors = enveloped.validate(enveloped.schema, document);
        if (errors.length > 0) return errors;
        return {
          schema: enveloped.schema,
          operationName: payload.operationName ?? null,
          document,
          variableValues: payload.variables ?? null,
          contextValue: await enveloped.contextFactory(),
          rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe },
        };
      },
    },
    wsServer,
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostForUrl}:${address.port}/graphql`;

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      logger.info('shutting down: draining streams');
      httpServer.close();
      await services.runner.shutdown(config.shutdownGraceMs);
      await services.jobs.shutdown();
      // Subscriptions end by themselves once their message finished; give clients a moment to read.
      await new Promise((r) => setTimeout(r, 50));
      for (const client of wsServer.clients) client.close(1001, 'Going away');
      wsServer.close();
      httpServer.closeAllConnections();
      logger.info('server stopped');
    })();
    return closing;
  };
  return { url, port: address.port, host: options.host, httpServer, close };
}
