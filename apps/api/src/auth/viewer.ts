import { RustyError } from '@rustygpt/core';
import type { ApiConfig } from '../config';
import type { ApiData, MembershipRecord, UserRecord } from '../data/ports';
import { hashApiToken, looksLikeApiToken } from './api-token';
import { verifySessionToken } from './session-token';

/** Who is calling, and what they may see. */
export interface Viewer {
  user: UserRecord;
  isAdmin: boolean;
  via: 'session' | 'api-token' | 'local';
  memberships: MembershipRecord[];
  /** Workspace used when a query names none. */
  defaultWorkspaceId: number;
}

/** Identity of the single user of local (no-auth) mode. */
export const LOCAL_IDENTITY = {
  provider: 'local',
  subject: 'local',
  name: 'Local user',
  email: null,
} as const;

/**
 * Resolves the `Authorization` header (or graphql-ws connection params) to a viewer: a session
 * JWT from the web app, a personal API token, or, in local mode only, no credential at all.
 * Results are cached per credential for a few seconds so hot paths stay free of queries.
 */
export class Authenticator {
  private readonly cache = new Map<string, { viewer: Viewer; until: number }>();
  private readonly ttlMs: number;

  constructor(
    private readonly config: ApiConfig,
    private readonly data: ApiData,
    options: { cacheTtlMs?: number } = {},
  ) {
    this.ttlMs = options.cacheTtlMs ?? 5_000;
  }

  /** `null` when there is no credential and auth is required (the resolver decides what that means). */
  async authenticate(authorization: string | null | undefined): Promise<Viewer | null> {
    const known = this.peek(authorization);
    if (known !== undefined) return known;
    const credential = this.credentialOf(authorization);
    if (credential === null) return null;
    if (credential.kind === 'local') return this.cached('local', () => this.localViewer());
    const { secret } = credential;
    // Keyed by the credential itself: hashing happens only on a cache miss.
    return credential.kind === 'api-token'
      ? this.cached(credential.key, () => this.apiTokenViewer(secret))
      : this.cached(credential.key, () => this.sessionViewer(secret));
  }

  /**
   * The viewer of `authorization` when that needs no I/O: a fresh cached one, or `null` for no
   * credential when auth is required; `undefined` when {@link authenticate} must load it.
   * @throws RustyError (`UNAUTHENTICATED`) when the header is not `Bearer <token>`.
   */
  peek(authorization: string | null | undefined): Viewer | null | undefined {
    const credential = this.credentialOf(authorization);
    if (credential === null) return null;
    const hit = this.cache.get(credential.key);
    return hit && hit.until > Date.now() ? hit.viewer : undefined;
  }

  private credentialOf(
    authorization: string | null | undefined,
  ): { kind: 'local' | 'api-token' | 'session'; key: string; secret: string } | null {
    const header = authorization?.trim() ?? '';
    if (header === '') {
      return this.config.auth.mode === 'local' ? { kind: 'local', key: 'local', secret: '' } : null;
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new RustyError('UNAUTHENTICATED', 'Authorization must be "Bearer <token>"');
    const secret = match[1];
    return looksLikeApiToken(secret)
      ? { kind: 'api-token', key: `t:${secret}`, secret }
      : { kind: 'session', key: `j:${secret}`, secret };
  }

  /** Forgets cached viewers (after a token is revoked in this process). */
  invalidate(): void {
    this.cache.clear();
  }

  private async cached(key: string, load: () => Promise<Viewer>): Promise<Viewer> {
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.viewer;
    const viewer = await load();
    if (this.cache.size > 5_000) this.cache.clear();
    this.cache.set(key, { viewer, until: now + this.ttlMs });
    return viewer;
  }

  private async localViewer(): Promise<Viewer> {
    const user = await this.data.users.upsertIdentity({ ...LOCAL_IDENTITY, isAdmin: true });
    return this.viewerFor(user, true, 'local');
  }

  private async apiTokenViewer(secret: string): Promise<Viewer> {
    const token = await this.data.apiTokens.findActiveByHash(hashApiToken(secret));
    if (!token) throw new RustyError('UNAUTHENTICATED', 'unknown or revoked API token');
    const [user] = await this.data.users.get([token.userId]);
    if (!user) throw new RustyError('UNAUTHENTICATED', 'unknown or revoked API token');
    return this.viewerFor(user, token.admin, 'api-token');
  }

  private async sessionViewer(jwt: string): Promise<Viewer> {
    const secret = this.config.auth.jwtSecret;
    if (!secret)
      throw new RustyError(
        'UNAUTHENTICATED',
        'session tokens are not accepted: RUSTYGPT_JWT_SECRET is not set',
      );
    const claims = await verifySessionToken(jwt, {
      secret,
      issuer: this.config.auth.issuer,
      audience: this.config.auth.audience,
      maxAgeSeconds: this.config.auth.maxAgeSeconds,
    });
    const isAdmin = claims.email !== null && this.config.auth.adminEmails.includes(claims.email);
    const user = await this.data.users.upsertIdentity({
      provider: claims.provider,
      subject: claims.sub,
      name: claims.name,
      email: claims.email,
      // RUSTYGPT_ADMIN_EMAILS grants admin; it never revokes a role given in the database.
      ...(isAdmin ? { isAdmin: true } : {}),
    });
    return this.viewerFor(user, user.isAdmin, 'session');
  }

  private async viewerFor(user: UserRecord, isAdmin: boolean, via: Viewer['via']): Promise<Viewer> {
    let memberships = await this.data.workspaces.membershipsOf(user.id);
    const slug = this.config.defaultWorkspace;
    if (!memberships.some((m) => m.workspace.slug === slug)) {
      const workspace = await this.data.workspaces.ensure(slug, slug === 'default' ? 'Default' : slug);
      await this.data.workspaces.addMember(workspace.id, user.id, isAdmin ? 'admin' : 'member');
      memberships = await this.data.workspaces.membershipsOf(user.id);
    }
    const preferred = memberships.find((m) => m.workspace.slug === slug) ?? memberships[0];
    if (!preferred) throw new RustyError('FORBIDDEN', 'viewer belongs to no workspace');
    return { user, isAdmin, via, memberships, defaultWorkspaceId: preferred.workspace.id };
  }
}
