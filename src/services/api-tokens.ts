import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../domain/access';
import { findTokenOwner, insertApiToken, revokeApiToken } from '../db/api-token.repo';
import { insertAuditEvent } from '../db/audit.repo';
import { findCoordinator } from '../db/coordinator.repo';
import type { ServiceContext } from './context';
import { coordinatorActor } from './authenticate-coordinator';

const TOKEN_PREFIX = 'svj_';

/** Tokens are 32 random bytes: a fast hash is enough (no dictionary to guess from), and lookups stay O(1). */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a personal token; the plain token is returned once and never stored. */
export async function createApiToken(ctx: Pick<ServiceContext, 'db' | 'now'>, actor: Extract<Actor, { kind: 'coordinator' }>, name: string): Promise<string> {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const id = await insertApiToken(ctx.db, { coordinatorId: actor.id, name: name.trim() || 'API-nøkkel', hash: hashApiToken(token), prefix: token.slice(0, 10) });
  await insertAuditEvent(ctx.db, actor, { action: 'api_token_created', subjectType: 'api_token', subjectId: id }, ctx.now());
  return token;
}

export async function revokeOwnApiToken(ctx: Pick<ServiceContext, 'db' | 'now'>, actor: Extract<Actor, { kind: 'coordinator' }>, tokenId: string): Promise<boolean> {
  const revoked = await revokeApiToken(ctx.db, tokenId, actor.id, ctx.now());
  if (revoked) await insertAuditEvent(ctx.db, actor, { action: 'api_token_revoked', subjectType: 'api_token', subjectId: tokenId }, ctx.now());
  return revoked;
}

/** The coordinator a personal token belongs to, if it is live and they are active. */
export async function resolveApiToken(ctx: Pick<ServiceContext, 'db' | 'now'>, token: string): Promise<Actor | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const ownerId = await findTokenOwner(ctx.db, hashApiToken(token), ctx.now());
  const owner = ownerId ? await findCoordinator(ctx.db, ownerId) : undefined;
  return owner?.active ? coordinatorActor(owner) : undefined;
}
