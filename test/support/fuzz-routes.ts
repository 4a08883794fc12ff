import type { Express } from 'express';

export interface AppRoute {
  /** USE: a middleware mounted on a path (static files), answering any method below it. */
  method: string;
  /** Express path syntax, mount paths included: /admin/tasks/:id, /admin/queues/{*splat}. */
  path: string;
}

interface StackLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: StackLayer[]; router?: { stack?: StackLayer[] } };
  rawPath?: string | string[];
}

function join(prefix: string, path: string): string {
  if (path === '/' || path === '') return prefix || '/';
  return `${prefix}${path.startsWith('/') ? '' : '/'}${path}`;
}

/**
 * Every method and path the app answers, read from its router stack (routes, and routers mounted
 * with app.use/router.use at any depth), so a route added tomorrow is found without editing a list.
 */
export function listRoutes(app: Express): AppRoute[] {
  const root = (app as unknown as { router: { stack: StackLayer[] } }).router;
  const out: AppRoute[] = [];
  const walk = (stack: StackLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const p of paths) for (const m of Object.keys(layer.route.methods)) if (m !== '_all') out.push({ method: m.toUpperCase(), path: join(prefix, p) });
        continue;
      }
      const raw = Array.isArray(layer.rawPath) ? layer.rawPath[0] ?? '/' : layer.rawPath ?? '/';
      // A Router has a stack; a mounted sub-app (bull-board) has one on its router.
      const inner = layer.handle?.stack ?? layer.handle?.router?.stack;
      if (inner) walk(inner, raw === '/' ? prefix : join(prefix, raw));
      else if (raw !== '/') out.push({ method: 'USE', path: join(prefix, raw) });
    }
  };
  walk(root.stack, '');
  const seen = new Set<string>();
  return out.filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
}
