/** A minted API token and when it stops being valid (epoch ms). */
export interface ApiToken {
  token: string;
  expiresAt: number;
}

/**
 * Fetches API tokens from the web app's `/api/token` route and reuses one until shortly
 * before it expires, so every request and WebSocket connection carries a fresh Bearer token.
 */
export class TokenSource {
  private current: ApiToken | null = null;
  private pending: Promise<ApiToken> | null = null;

  constructor(
    private readonly endpoint = '/api/token',
    private readonly refreshMarginMs = 60_000,
  ) {}

  /** A valid token; fetches a new one when none is cached or the cached one is about to expire. */
  async get(): Promise<string> {
    if (this.current && this.current.expiresAt - this.refreshMarginMs > Date.now()) {
      return this.current.token;
    }
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = null;
    });
    this.current = await this.pending;
    return this.current.token;
  }

  private async fetchToken(): Promise<ApiToken> {
    const response = await fetch(this.endpoint, { cache: 'no-store', credentials: 'same-origin' });
    if (response.status === 401) {
      window.location.assign(`/signin?callbackUrl=${encodeURIComponent(window.location.pathname)}`);
      throw new Error('signed out');
    }
    if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
    return (await response.json()) as ApiToken;
  }
}
