import { Client, type ClientConfig } from 'pg';

/** Distinct statements one connection keeps prepared; any further ones run unnamed. */
export const MAX_PREPARED_PER_CONNECTION = 300;
/** Longer texts are one-off shapes (a multi-row INSERT of a large batch), not worth keeping. */
const MAX_PREPARED_TEXT_LENGTH = 8_000;

type QueryFn = (...args: unknown[]) => unknown;

/**
 * A pg client that runs each parameterised statement as a named prepared statement on its own
 * connection. Postgres then parses a statement once per connection instead of on every run, and,
 * after five runs, uses one generic plan when that plan costs no more than planning each time.
 * Issue 14: at a dispatch burst the machine's CPU is the limit, and Postgres was parsing and
 * planning the same few dozen statements thousands of times a second. The dispatch bench went
 * from 119–133 to 156 offers/s with this alone (same run, two pairs).
 *
 * Statements without parameters (BEGIN, COMMIT, DDL) stay unnamed. Behind PgBouncer in transaction
 * mode before 1.21 (which does not track prepared statements) set DATABASE_PREPARED_STATEMENTS=off.
 */
export class PreparingClient extends Client {
  private readonly names = new Map<string, string>();
  private issued = 0;

  constructor(config?: string | ClientConfig) {
    super(config);
    const unnamed = this.query.bind(this) as QueryFn;
    // Client.query has a dozen overloads; (text, values) as Kysely calls it and (text, values,
    // callback) as pg's Pool.query does are named. The rest pass through unchanged.
    (this as unknown as { query: QueryFn }).query = (...args: unknown[]) => {
      const [text, values, callback] = args;
      const named = typeof text === 'string' && Array.isArray(values) && values.length > 0 && (callback === undefined || typeof callback === 'function');
      const name = named ? this.nameOf(text) : undefined;
      if (!name) return unnamed(...args);
      const config = { name, text, values };
      if (typeof callback === 'function') {
        return unnamed(config, (err: unknown, result: unknown) => callback(this.forgetIfStale(err, name, text as string), result));
      }
      return (unnamed(config) as Promise<unknown>).catch((err: unknown) => {
        throw this.forgetIfStale(err, name, text as string);
      });
    };
  }

  /**
   * A table changed under a prepared statement (its result type differs): that run fails, and the
   * statement is prepared afresh under a new name the next time. The job or request is retried.
   */
  private forgetIfStale(err: unknown, name: string, text: string): unknown {
    if ((err as { code?: string } | null)?.code === '0A000' && this.names.get(text) === name) this.names.delete(text);
    return err;
  }

  private nameOf(text: string): string | undefined {
    const known = this.names.get(text);
    if (known || text.length > MAX_PREPARED_TEXT_LENGTH || this.names.size >= MAX_PREPARED_PER_CONNECTION) return known;
    const name = `svarja_${this.issued++}`;
    this.names.set(text, name);
    return name;
  }
}
