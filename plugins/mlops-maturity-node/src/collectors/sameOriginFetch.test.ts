import { startRecordingServer, startServer } from './__testUtils__/startServer';
import { fetchSameOrigin } from './sameOriginFetch';
import { ToolUnavailableError } from './toolErrors';

const signIn = {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ username: 'admin', password: 'hunter2' }),
};

describe('fetchSameOrigin', () => {
  it.each([307, 308, 302, 301])(
    'does not follow a token endpoint’s %i to another origin: the password stays home',
    async status => {
      const elsewhere = await startRecordingServer();
      const tool = await startServer((_req, res) => {
        res.statusCode = status;
        res.setHeader('location', `${elsewhere.url}/auth/token`);
        res.end();
      });
      const error = await fetchSameOrigin(`${tool.url}/auth/token`, signIn, {
        label: 'Airflow instance "prod"',
      }).catch(e => e);
      expect(error).toBeInstanceOf(ToolUnavailableError);
      expect(error.message).toBe(
        `Airflow instance "prod" could not be asked: it redirected to another origin (${elsewhere.url}, HTTP ${status}), where credentials are never sent; set its baseUrl to where it answers`,
      );
      expect(elsewhere.received).toEqual([]);
      await Promise.all([tool.close(), elsewhere.close()]);
    },
  );

  it('follows a redirect within the origin, sending the body again on 307', async () => {
    const tool = await startServer((req, res) => {
      let body = '';
      req.on('data', chunk => {
        body += chunk;
      });
      req.on('end', () => {
        if (req.url === '/old/token') {
          res.statusCode = 307;
          res.setHeader('location', '/auth/token');
          res.end();
        } else {
          res.end(JSON.stringify({ url: req.url, method: req.method, body }));
        }
      });
    });
    const res = await fetchSameOrigin(`${tool.url}/old/token`, signIn, {
      label: 'x',
    });
    expect(await res.json()).toEqual({
      url: '/auth/token',
      method: 'POST',
      body: signIn.body,
    });
    await tool.close();
  });

  it('turns a POST into a GET without body and content headers on 303', async () => {
    const tool = await startServer((req, res) => {
      let body = '';
      req.on('data', chunk => {
        body += chunk;
      });
      req.on('end', () => {
        if (req.url === '/submit') {
          res.statusCode = 303;
          res.setHeader('location', '/done');
          res.end();
        } else {
          res.end(
            JSON.stringify({
              method: req.method,
              body,
              type: req.headers['content-type'] ?? null,
            }),
          );
        }
      });
    });
    const res = await fetchSameOrigin(`${tool.url}/submit`, signIn, {
      label: 'x',
    });
    expect(await res.json()).toEqual({ method: 'GET', body: '', type: null });
    await tool.close();
  });

  it('stops after the redirects it may follow', async () => {
    const tool = await startServer((req, res) => {
      res.statusCode = 302;
      res.setHeader('location', req.url === '/a' ? '/b' : '/a');
      res.end();
    });
    await expect(
      fetchSameOrigin(`${tool.url}/a`, {}, { label: 'x', maxRedirects: 3 }),
    ).rejects.toThrow('x could not be asked: more than 3 redirects');
    await tool.close();
  });
});
