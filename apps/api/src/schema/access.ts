import { NotFoundError, RustyError } from '@rustygpt/core';
import { decodeGlobalID } from '@pothos/plugin-relay';
import type { Viewer } from '../auth/viewer';
import type { ApiContext } from '../context';
import type { WorkspaceKnowledge } from '../data/ports';

/** The viewer, or UNAUTHENTICATED. */
export function requireViewer(ctx: ApiContext): Viewer {
  if (!ctx.viewer)
    throw new RustyError('UNAUTHENTICATED', 'Sign in first: send Authorization: Bearer <token>.');
  return ctx.viewer;
}

/** The viewer if admin, FORBIDDEN otherwise. */
export function requireAdmin(ctx: ApiContext): Viewer {
  const viewer = requireViewer(ctx);
  if (!viewer.isAdmin) throw new RustyError('FORBIDDEN', 'This operation needs the admin role.');
  return viewer;
}

/**
 * The workspace an operation acts on: the one named (a Workspace global id or slug) if the
 * viewer is a member of it, the viewer's default otherwise. Non-members get NOT_FOUND, so
 * workspace ids cannot be probed.
 */
export function workspaceOf(
  ctx: ApiContext,
  named?: string | null,
): { id: number; knowledge: WorkspaceKnowledge } {
  const viewer = requireViewer(ctx);
  let id = viewer.defaultWorkspaceId;
  if (named) {
    let wanted: number | string = named;
    try {
      const decoded = decodeGlobalID(named);
      if (decoded.typename === 'Workspace') wanted = Number(decoded.id);
    } catch {
      // not a global id: a slug
    }
    const membership = viewer.memberships.find(
      (m) => m.workspace.id === wanted || m.workspace.slug === wanted,
    );
    if (!membership) throw new NotFoundError('workspace', named);
    id = membership.workspace.id;
  }
  return { id, knowledge: ctx.services.data.knowledge(id) };
}

/** Decodes a global id of the given type to its numeric local id; BAD_USER_INPUT otherwise. */
export function numericId(globalId: { typename: string; id: string }, typename: string): number {
  const n = Number(globalId.id);
  if (globalId.typename !== typename || !Number.isSafeInteger(n) || n < 1) {
    throw new RustyError('BAD_USER_INPUT', `expected a ${typename} id`);
  }
  return n;
}
