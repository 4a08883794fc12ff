import type { Server } from 'node:http';

/** The HTTP port could not be taken; says which and what to do, without a stack trace. */
export class PortUnavailableError extends Error {
  constructor(readonly port: number, readonly code: string | undefined) {
    super(code === 'EADDRINUSE'
      ? `Port ${port} is already in use by another program. Stop it, or set PORT to a free port (PORT=3001 npm start).`
      : `Svarja could not listen on port ${port}${code ? ` (${code})` : ''}. Set PORT to a port this user may open.`);
    this.name = 'PortUnavailableError';
  }
}

/** Starts listening; rejects with PortUnavailableError instead of the server's unhandled 'error' crash. */
export function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const failed = (err: NodeJS.ErrnoException) => reject(new PortUnavailableError(port, err.code));
    server.once('error', failed);
    server.listen(port, () => {
      server.off('error', failed);
      resolve();
    });
  });
}
