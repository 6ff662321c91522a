import type { Page, WebSocketRoute } from 'playwright-core';

/** A server→client graphql-ws frame, parsed. */
export interface Frame {
  raw: string;
  type: string;
  event: { __typename?: string; type?: string; index?: number } | null;
}

/** Decides, per frame, whether the browser gets it now or only when released. */
export type GatePolicy = (frame: Frame, socket: { tokensPassed: number }) => 'pass' | 'hold';

function parse(raw: string): Frame {
  try {
    const message = JSON.parse(raw) as {
      type?: string;
      payload?: { data?: { messageStream?: Frame['event'] } };
    };
    return { raw, type: message.type ?? '', event: message.payload?.data?.messageStream ?? null };
  } catch {
    return { raw, type: '', event: null };
  }
}

/**
 * Sits between the page and the API's WebSocket like a slow network: frames the policy holds
 * (and every later one on that socket, to keep order) reach the page only on `release()`.
 * Records the subscriptions the page starts, to check what `after` it resumed from.
 */
export class SocketGate {
  readonly subscriptions: { messageId: string; after: number | null }[] = [];
  private held: (() => void)[] = [];
  private readonly open: { page: WebSocketRoute; server: WebSocketRoute }[] = [];

  constructor(public policy: GatePolicy) {}

  async install(page: Page): Promise<void> {
    await page.routeWebSocket(/\/graphql$/, (ws: WebSocketRoute) => {
      const server = ws.connectToServer();
      this.open.push({ page: ws, server });
      const socket = { tokensPassed: 0, holding: false };
      ws.onMessage((message) => {
        try {
          const parsed = JSON.parse(String(message)) as {
            type?: string;
            payload?: { variables?: { messageId?: string; after?: number | null } };
          };
          if (parsed.type === 'subscribe' && parsed.payload?.variables?.messageId) {
            this.subscriptions.push({
              messageId: parsed.payload.variables.messageId,
              after: parsed.payload.variables.after ?? null,
            });
          }
        } catch {
          // not JSON: forward as is
        }
        server.send(message);
      });
      server.onMessage((message) => {
        const frame = parse(String(message));
        const deliver = () => {
          try {
            ws.send(message);
          } catch {
            // page went away (reload): the frame is lost, as on a real network
          }
        };
        if (!socket.holding && this.policy(frame, socket) === 'pass') {
          if (frame.event?.__typename === 'TokenEvent') socket.tokensPassed += 1;
          deliver();
        } else {
          socket.holding = true;
          this.held.push(deliver);
        }
      });
    });
  }

  /** Delivers everything held and lets later frames through. */
  release(): void {
    this.policy = () => 'pass';
    const held = this.held.splice(0);
    for (const deliver of held) deliver();
  }

  /** Cuts every open connection abnormally (like a network drop); new connections use `policy`. */
  async drop(policy: GatePolicy): Promise<void> {
    this.reset(policy);
    const open = this.open.splice(0);
    for (const { page, server } of open) {
      await server.close({ code: 1001, reason: 'gone' }).catch(() => undefined);
      await page.close({ code: 1012, reason: 'network drop (test)' }).catch(() => undefined);
    }
  }

  /** Drops held frames (their socket is gone) and applies a new policy to new frames. */
  reset(policy: GatePolicy): void {
    this.held = [];
    this.policy = policy;
  }
}

/** Lets the first `n` tokens through, then holds the stream. */
export const holdAfterTokens =
  (n: number): GatePolicy =>
  (frame, socket) =>
    frame.event?.__typename === 'TokenEvent' && socket.tokensPassed >= n ? 'hold' : 'pass';

/** Lets everything through except the terminal COMPLETE event. */
export const holdCompletion: GatePolicy = (frame) =>
  frame.event?.__typename === 'ControlEvent' && frame.event.type === 'COMPLETE' ? 'hold' : 'pass';
