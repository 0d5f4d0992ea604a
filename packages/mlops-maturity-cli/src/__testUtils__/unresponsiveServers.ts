import { createServer as createHttpServer, Server } from 'node:http';
import { createServer as createTcpServer, Socket } from 'node:net';

type Closable = { url: string; close(): Promise<void> };

async function listen(
  server: Server | ReturnType<typeof createTcpServer>,
  sockets: Set<Socket>,
): Promise<Closable> {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      sockets.forEach(s => s.destroy());
      await new Promise(resolve => server.close(resolve));
    },
  };
}

/** A server on 127.0.0.1 that accepts connections and never says a word. */
export function startSilentServer(): Promise<Closable> {
  return listen(
    createTcpServer(() => {}),
    new Set(),
  );
}

/** An HTTP server on 127.0.0.1 that sends 200 and its headers, then stalls in the body. */
export function startStallingServer(): Promise<Closable> {
  return listen(
    createHttpServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"entityRef":');
    }),
    new Set(),
  );
}

/** An HTTP server on 127.0.0.1 that answers every request with an HTML page, as an app would. */
export function startHtmlServer(): Promise<Closable> {
  return listen(
    createHttpServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><title>Backstage</title>');
    }),
    new Set(),
  );
}

/** A 127.0.0.1 URL whose port nobody listens on: a server's, closed again. */
export async function closedPortUrl(): Promise<string> {
  const server = createTcpServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
