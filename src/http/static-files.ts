import path from 'node:path';
import express, { type RequestHandler } from 'express';

const STATIC_DIR = path.resolve(__dirname, '..', '..', ...(__dirname.includes(`${path.sep}dist${path.sep}`) ? ['..'] : []), 'src', 'http', 'static');

/**
 * CSS and the few scripts the admin pages use (live updates); served from source, cached briefly.
 * A miss (a directory, a missing file, `..`) falls through to the app's 404.
 */
export function staticFiles(): RequestHandler {
  return express.static(STATIC_DIR, { maxAge: '10m', index: false, fallthrough: true });
}
