import http from 'node:http';
import { startRecordingServer, startServer } from './__testUtils__/startServer';
import { ToolHttpClient } from './ToolHttpClient';
import {
  ToolAnswerTooLargeError,
  ToolResponseError,
  ToolUnavailableError,
} from './toolErrors';

const noSleep = async () => {};

describe('ToolHttpClient', () => {
  it('sends headers and query, and reads JSON', async () => {
    let seen: http.IncomingMessage | undefined;
    const server = await startServer((req, res) => {
      seen = req;
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    });
    const client = new ToolHttpClient({
      label: 'MLflow instance "prod"',
      baseUrl: `${server.url}/`,
      headers: () => ({ Authorization: 'Bearer s3cret' }),
    });
    expect(
      await client.getJson('/api/x', { a: 'b c', list: ['1', '2'] }),
    ).toEqual({ ok: true });
    expect(seen!.url).toBe('/api/x?a=b+c&list=1&list=2');
    expect(seen!.headers.authorization).toBe('Bearer s3cret');
    await server.close();
  });

  it('retries 429 and 5xx answers, then succeeds', async () => {
    let calls = 0;
    const server = await startServer((_req, res) => {
      calls++;
      if (calls === 1) {
        res.statusCode = 429;
        res.setHeader('retry-after', '1');
        res.end();
      } else if (calls === 2) {
        res.statusCode = 503;
        res.end();
      } else {
        res.end('{"n":3}');
      }
    });
    const sleeps: number[] = [];
    const client = new ToolHttpClient({
      label: 'x',
      baseUrl: server.url,
      sleep: async ms => {
        sleeps.push(ms);
      },
    });
    expect(await client.getJson('/')).toEqual({ n: 3 });
    expect(sleeps).toEqual([1000, 800]);
    expect(client.requestCount).toBe(3);
    await server.close();
  });

  it('gives up after the retries with a clear reason', async () => {
    const server = await startServer((_req, res) => {
      res.statusCode = 500;
      res.statusMessage = 'Internal Server Error';
      res.end('boom');
    });
    const client = new ToolHttpClient({
      label: 'Airflow instance "prod"',
      baseUrl: server.url,
      sleep: noSleep,
    });
    await expect(client.getJson('/')).rejects.toThrow(
      new ToolUnavailableError(
        'Airflow instance "prod" answered HTTP 500 Internal Server Error',
      ),
    );
    expect(client.requestCount).toBe(3);
    await server.close();
  });

  it('reports malformed JSON', async () => {
    const server = await startServer((_req, res) => res.end('{"half":'));
    const client = new ToolHttpClient({ label: 'x', baseUrl: server.url });
    await expect(client.getJson('/api')).rejects.toThrow('malformed JSON');
    await server.close();
  });

  it('answers 404 as a response error, not an outage', async () => {
    const server = await startServer((_req, res) => {
      res.statusCode = 404;
      res.end('{"error_code":"RESOURCE_DOES_NOT_EXIST"}');
    });
    const client = new ToolHttpClient({ label: 'x', baseUrl: server.url });
    const error = await client.getJson('/m').catch(e => e);
    expect(error).toBeInstanceOf(ToolResponseError);
    expect(error).toMatchObject({
      status: 404,
      body: { error_code: 'RESOURCE_DOES_NOT_EXIST' },
    });
    await client.getJson('/m').catch(() => undefined);
    expect(client.requestCount).toBe(2);
    await server.close();
  });

  it('opens the circuit after rejected credentials, without echoing them', async () => {
    let calls = 0;
    const server = await startServer((_req, res) => {
      calls++;
      res.statusCode = 401;
      res.end();
    });
    const client = new ToolHttpClient({
      label: 'x',
      baseUrl: server.url,
      headers: () => ({ Authorization: 'Bearer topsecret' }),
    });
    const first = await client.getJson('/').catch(e => e);
    const second = await client.getJson('/').catch(e => e);
    expect(first.message).toBe(
      'x could not be asked: credentials rejected (HTTP 401)',
    );
    expect(second.message).toContain('not being asked again yet');
    expect(`${first.message}${second.message}`).not.toContain('topsecret');
    expect(calls).toBe(1);
    await server.close();
  });

  it('answers 403 as a response error when told it is about one resource, keeping the circuit closed', async () => {
    const server = await startServer((_req, res) => {
      res.statusCode = 403;
      res.setHeader('content-type', 'application/json');
      res.end('{"kind":"Status","reason":"Forbidden","code":403}');
    });
    const client = new ToolHttpClient({
      label: 'x',
      baseUrl: server.url,
      forbiddenIsAnswer: true,
    });
    const error = await client.getJson('/apis/a').catch(e => e);
    expect(error).toBeInstanceOf(ToolResponseError);
    expect(error).toMatchObject({ status: 403, body: { reason: 'Forbidden' } });
    await client.getJson('/apis/b').catch(() => undefined);
    expect(client.requestCount).toBe(2);
    await server.close();
  });

  it('costs one timeout for an instance that does not answer, then fails fast', async () => {
    const server = await startServer(() => {
      // never answers
    });
    const client = new ToolHttpClient({
      label: 'x',
      baseUrl: server.url,
      timeoutMs: 300,
    });
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        client.getJson('/').catch(e => e.message),
      ),
    );
    const elapsed = Date.now() - started;
    const timedOut = results.filter(
      (m: string) => m === 'x could not be asked: no answer within 0.3 s',
    );
    const skipped = results.filter((m: string) =>
      m.includes('not being asked again yet'),
    );
    expect(timedOut.length).toBeGreaterThanOrEqual(1);
    expect(timedOut.length + skipped.length).toBe(20);
    // 4 requests in flight at once time out together; the other 16 never leave.
    expect(client.requestCount).toBeLessThanOrEqual(4);
    expect(elapsed).toBeLessThan(1500);
    await server.close();
  });

  it('signs each attempt just before it is sent, with the extra headers and the JSON body', async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const bodies: string[] = [];
    const server = await startServer((req, res) => {
      seen.push(req.headers);
      let text = '';
      req.on('data', chunk => {
        text += chunk;
      });
      req.on('end', () => {
        bodies.push(text);
        res.statusCode = seen.length === 1 ? 503 : 200;
        res.end('{"ok":true}');
      });
    });
    const signed: Array<{ method: string; url: string; body?: string }> = [];
    const client = new ToolHttpClient({
      label: 'x',
      baseUrl: server.url,
      sleep: noSleep,
      sign: async ({ method, url, headers, body }) => {
        signed.push({ method, url: url.href, body });
        return { ...headers, Authorization: `Signed ${signed.length}` };
      },
    });
    expect(
      await client.postJson('/', { a: 1 }, undefined, {
        'X-Amz-Target': 'SageMaker.ListModelPackageGroups',
        'Content-Type': 'application/x-amz-json-1.1',
      }),
    ).toEqual({ ok: true });
    expect(signed).toEqual([
      { method: 'POST', url: `${server.url}/`, body: '{"a":1}' },
      { method: 'POST', url: `${server.url}/`, body: '{"a":1}' },
    ]);
    expect(seen.map(h => h.authorization)).toEqual(['Signed 1', 'Signed 2']);
    expect(seen[1]).toMatchObject({
      'x-amz-target': 'SageMaker.ListModelPackageGroups',
      'content-type': 'application/x-amz-json-1.1',
    });
    expect(bodies).toEqual(['{"a":1}', '{"a":1}']);
    await server.close();
  });

  it('fails as unavailable, and asks no more, when a request cannot be signed', async () => {
    let calls = 0;
    const server = await startServer((_req, res) => {
      calls++;
      res.end('{}');
    });
    const client = new ToolHttpClient({
      label: 'SageMaker instance "prod"',
      baseUrl: server.url,
      sign: async () => {
        throw new Error('Could not load credentials from any providers');
      },
    });
    const first = await client.postJson('/', {}).catch(e => e);
    expect(first).toBeInstanceOf(ToolUnavailableError);
    expect(first.message).toBe(
      'SageMaker instance "prod" could not be asked: cannot sign the request (Could not load credentials from any providers)',
    );
    expect((await client.postJson('/', {}).catch(e => e)).message).toContain(
      'not being asked again yet',
    );
    expect(calls).toBe(0);
    await server.close();
  });

  it('sends a request once more when its connection is closed before the answer, without opening the circuit', async () => {
    let calls = 0;
    const server = await startServer((req, res) => {
      calls++;
      // As a server closing a kept-alive socket just as a request arrives on it.
      if (calls === 1) req.socket.destroy();
      else res.end(`{"n":${calls}}`);
    });
    const client = new ToolHttpClient({ label: 'x', baseUrl: server.url });
    expect(await client.getJson('/')).toEqual({ n: 2 });
    expect(await client.getJson('/')).toEqual({ n: 3 });
    expect(client.requestCount).toBe(3);
    await server.close();
  });

  it('counts an instance that closes every connection as unreachable after one resend', async () => {
    let calls = 0;
    const server = await startServer(req => {
      calls++;
      req.socket.destroy();
    });
    const client = new ToolHttpClient({ label: 'x', baseUrl: server.url });
    await expect(client.getJson('/')).rejects.toThrow(
      /^x could not be asked: cannot connect \((UND_ERR_SOCKET|ECONNRESET|other side closed)\)$/,
    );
    expect(calls).toBe(2);
    await expect(client.getJson('/')).rejects.toThrow(
      'not being asked again yet',
    );
    expect(calls).toBe(2);
    await server.close();
  });

  it('says when it cannot connect', async () => {
    const server = await startServer((_req, res) => res.end('{}'));
    await server.close();
    const client = new ToolHttpClient({ label: 'x', baseUrl: server.url });
    await expect(client.getJson('/')).rejects.toThrow(
      'x could not be asked: cannot connect (ECONNREFUSED)',
    );
  });

  it('refuses a base URL with credentials, without echoing them', () => {
    const build = () =>
      new ToolHttpClient({
        label: 'MLflow instance "prod"',
        baseUrl: 'http://admin:hunter2@127.0.0.1:1',
      });
    expect(build).toThrow(
      'MLflow instance "prod": the base URL must not hold credentials (user:password@)',
    );
    expect(() => build()).not.toThrow(/hunter2/);
  });

  it('refuses a concurrency limit of 0, which would never send a request', () => {
    expect(
      () =>
        new ToolHttpClient({ label: 'x', baseUrl: 'http://x', concurrency: 0 }),
    ).toThrow(
      'A concurrency limit must be a whole number of at least 1, not 0',
    );
  });

  it('never sends a path with a "." or ".." segment, encoded or not', async () => {
    const server = await startRecordingServer();
    const client = new ToolHttpClient({
      label: 'GitHub github.com',
      baseUrl: `${server.url}/api/v3`,
    });
    for (const path of [
      '/repos/../..',
      '/repos/%2e%2E/x',
      '/repos/a/.',
      '/a\\..\\b',
    ]) {
      const error = await client.getJson(path).catch(e => e);
      expect(error).toBeInstanceOf(ToolUnavailableError);
      expect(error.message).toBe(
        'GitHub github.com was not asked: a "." or ".." segment in the path of GET would leave its base URL',
      );
    }
    expect(await client.getJson('/repos/a..b/.x')).toEqual({});
    expect(server.received.map(r => r.url)).toEqual(['/api/v3/repos/a..b/.x']);
    await server.close();
  });

  describe('redirects', () => {
    it('follows a redirect within the origin, with the credentials', async () => {
      const seen: Array<[string | undefined, string | undefined]> = [];
      const server = await startServer((req, res) => {
        seen.push([req.url, req.headers.authorization]);
        if (req.url === '/old') {
          res.statusCode = 308;
          res.setHeader('location', '/new');
          res.end();
        } else {
          res.end('{"moved":true}');
        }
      });
      const client = new ToolHttpClient({
        label: 'x',
        baseUrl: server.url,
        headers: () => ({ Authorization: 'Bearer s3cret' }),
      });
      expect(await client.getJson('/old')).toEqual({ moved: true });
      expect(seen).toEqual([
        ['/old', 'Bearer s3cret'],
        ['/new', 'Bearer s3cret'],
      ]);
      await server.close();
    });

    it('sends nothing to another origin a 307 points at: not the body, not a credential header', async () => {
      const elsewhere = await startRecordingServer();
      const tool = await startServer((_req, res) => {
        res.statusCode = 307;
        res.setHeader('location', `${elsewhere.url}/collect?from=tool`);
        res.end();
      });
      const client = new ToolHttpClient({
        label: 'Dagster instance "prod"',
        baseUrl: tool.url,
        headers: () => ({ 'Dagster-Cloud-Api-Token': 'user:s3cret' }),
      });
      const error = await client
        .postJson('/graphql', { query: '{ version }', password: 'hunter2' })
        .catch(e => e);
      expect(error).toBeInstanceOf(ToolUnavailableError);
      expect(error.message).toBe(
        `Dagster instance "prod" could not be asked: it redirected to another origin (${elsewhere.url}, HTTP 307), where credentials are never sent; set its baseUrl to where it answers`,
      );
      expect(elsewhere.received).toEqual([]);
      // Every request would be sent there: the instance is not asked again for a while.
      expect((await client.getJson('/x').catch(e => e)).message).toContain(
        'not being asked again yet: it redirected to another origin',
      );
      expect(client.requestCount).toBe(1);
      await Promise.all([tool.close(), elsewhere.close()]);
    });
  });

  describe('limits', () => {
    it('cancels an answer longer than maxResponseBytes, as unavailable', async () => {
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let closed = false;
      const server = await startServer((_req, res) => {
        // A chunked answer that never ends: only the limit stops the read.
        res.setHeader('content-type', 'application/json');
        const timer = setInterval(() => res.write(chunk), 1);
        res.on('close', () => {
          closed = true;
          clearInterval(timer);
        });
      });
      const client = new ToolHttpClient({
        label: 'x',
        baseUrl: server.url,
        maxResponseBytes: 1024 * 1024,
      });
      const error = await client.getJson('/big').catch(e => e);
      expect(error).toBeInstanceOf(ToolAnswerTooLargeError);
      expect(error).toBeInstanceOf(ToolUnavailableError);
      expect(error.message).toBe(
        'x answered GET /big with more than 1 MB, the limit of maxResponseBytes',
      );
      // The client hung up: the server stops writing.
      for (let i = 0; i < 100 && !closed; i++) {
        await new Promise(resolve => setTimeout(resolve, 20));
      }
      expect(closed).toBe(true);
      await server.close();
    });

    it('refuses an answer whose Content-Length is over the limit before reading it', async () => {
      const server = await startServer((_req, res) => {
        res.setHeader('content-length', String(11 * 1024 * 1024));
        res.write('{');
      });
      const client = new ToolHttpClient({ label: 'x', baseUrl: server.url });
      await expect(client.getJson('/big')).rejects.toThrow(
        'x answered GET /big with more than 10 MB, the limit of maxResponseBytes',
      );
      await server.close();
    });
  });

  describe('circuit', () => {
    it('opens after three requests in a row fail with 5xx after their retries', async () => {
      const server = await startServer((_req, res) => {
        res.statusCode = 502;
        res.statusMessage = 'Bad Gateway';
        res.end();
      });
      const client = new ToolHttpClient({
        label: 'x',
        baseUrl: server.url,
        sleep: noSleep,
      });
      const messages: string[] = [];
      for (let i = 0; i < 4; i++) {
        messages.push(await client.getJson('/').catch(e => e.message));
      }
      expect(messages).toEqual([
        'x answered HTTP 502 Bad Gateway',
        'x answered HTTP 502 Bad Gateway',
        'x answered HTTP 502 Bad Gateway',
        'x is not being asked again yet: 3 requests in a row answered HTTP 502 Bad Gateway',
      ]);
      expect(client.requestCount).toBe(9);
      await server.close();
    });

    it('counts a failure that is followed by an answer as nothing', async () => {
      let calls = 0;
      const server = await startServer((_req, res) => {
        calls++;
        // Two failed requests (3 attempts each), one answer, two failed requests.
        res.statusCode = calls === 7 ? 200 : 500;
        res.end('{}');
      });
      const client = new ToolHttpClient({
        label: 'x',
        baseUrl: server.url,
        sleep: noSleep,
      });
      const results: string[] = [];
      for (let i = 0; i < 5; i++) {
        results.push(
          await client.getJson('/').then(
            () => 'ok',
            e => e.message,
          ),
        );
      }
      expect(results).toEqual([
        'x answered HTTP 500 Internal Server Error',
        'x answered HTTP 500 Internal Server Error',
        'ok',
        'x answered HTTP 500 Internal Server Error',
        'x answered HTTP 500 Internal Server Error',
      ]);
      await server.close();
    });

    it('opens when the body does not arrive within the timeout, as when the headers do not', async () => {
      let calls = 0;
      const server = await startServer((_req, res) => {
        calls++;
        res.setHeader('content-type', 'application/json');
        res.write('{"items":[');
        // …and the rest never comes.
      });
      const client = new ToolHttpClient({
        label: 'x',
        baseUrl: server.url,
        timeoutMs: 300,
      });
      const first = await client.getJson('/').catch(e => e);
      expect(first).toBeInstanceOf(ToolUnavailableError);
      expect(first.message).toBe(
        'x could not be asked: no answer within 0.3 s',
      );
      expect((await client.getJson('/').catch(e => e)).message).toBe(
        'x is not being asked again yet: no answer within 0.3 s',
      );
      expect(calls).toBe(1);
      await server.close();
    });
  });
});
