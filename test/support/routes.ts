import type { Express } from 'express';

/** What the tests read of Express's router internals (router 2.x: every Layer keeps its rawPath). */
interface LayerLike {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
  rawPath?: unknown;
}

function joinPath(prefix: string, path: string): string {
  if (path === '/' || path === '') return prefix || '/';
  return `${prefix}${path}`;
}

/**
 * Every route the app answers, as "METHOD /path" with Express's own parameter syntax, found by walking
 * the router stack. A mount in `opaque` (a third-party router such as the queue dashboard) is listed
 * as one `GET` entry instead of its insides.
 */
export function listRoutes(app: Express, opaque: readonly string[] = []): string[] {
  const found = new Set<string>();
  const walk = (stack: LayerLike[], prefix: string): void => {
    for (const layer of stack) {
      if (layer.route) {
        for (const path of [layer.route.path].flat()) {
          for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) found.add(`${method.toUpperCase()} ${joinPath(prefix, path)}`);
        }
        continue;
      }
      const inner = layer.handle?.stack;
      if (!inner) continue;
      const mount = joinPath(prefix, typeof layer.rawPath === 'string' ? layer.rawPath : '/');
      if (opaque.includes(mount)) found.add(`GET ${mount}`);
      else walk(inner, mount === '/' ? '' : mount);
    }
  };
  walk((app as unknown as { router: { stack: LayerLike[] } }).router.stack, '');
  return [...found].sort();
}
