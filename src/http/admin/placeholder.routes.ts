import { Router } from 'express';
import { html } from '../views/html';
import { page, type Section } from '../views/layout';
import { frameOf, sendPage } from './frame';

/** Pages not built yet: the navigation works and says so plainly. */
export function placeholderRoutes(entries: { path: string; title: string; section: Section }[]): Router {
  const router = Router();
  for (const entry of entries) {
    router.get(entry.path, (_req, res) => {
      sendPage(res, page(frameOf(res), { title: entry.title, section: entry.section, body: html`<h1>${entry.title}</h1><p>Denne siden er ikke klar ennå.</p>` }));
    });
  }
  return router;
}
