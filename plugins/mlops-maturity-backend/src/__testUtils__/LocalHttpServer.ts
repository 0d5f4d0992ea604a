import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP server on 127.0.0.1 for tests: listens on a given or free port, tells its URL and
 * stops by dropping every connection, so that a stopped server looks down (connection refused).
 */
export abstract class LocalHttpServer {
  #server?: http.Server;
  #port: number;

  constructor(port = 0) {
    this.#port = port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** Answers one request. */
  protected abstract handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): void;

  async start(): Promise<this> {
    this.#server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>(resolve =>
      this.#server!.listen(this.#port, '127.0.0.1', resolve),
    );
    this.#port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  /** Stops listening; the port is kept, so that a later start() answers at the same URL. */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>(resolve => server.close(() => resolve()));
  }
}
