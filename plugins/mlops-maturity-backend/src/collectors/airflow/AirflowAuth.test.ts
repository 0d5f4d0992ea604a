import type http from 'node:http';
import { ConfigReader } from '@backstage/config';
import { ToolUnavailableError } from '@mlops-maturity/plugin-mlops-maturity-node';
import { LocalHttpServer } from '../../__testUtils__/LocalHttpServer';
import { AirflowAuth } from './AirflowAuth';

/** Records every request it gets, body included. */
class RecordingServer extends LocalHttpServer {
  readonly received: Array<{ url?: string; headers: object; body: string }> =
    [];

  protected handle(req: http.IncomingMessage, res: http.ServerResponse) {
    let body = '';
    req.on('data', chunk => {
      body += chunk;
    });
    req.on('end', () => {
      this.received.push({ url: req.url, headers: req.headers, body });
      res.end('{"access_token":"stolen"}');
    });
  }
}

/** An Airflow 3 whose token endpoint answers `status` with `location`, or signs in. */
class TokenEndpoint extends LocalHttpServer {
  constructor(private readonly redirect?: { status: number; to: string }) {
    super();
  }

  protected handle(req: http.IncomingMessage, res: http.ServerResponse) {
    req.resume();
    if (req.url === '/auth/token' && this.redirect) {
      res.statusCode = this.redirect.status;
      res.setHeader('location', this.redirect.to);
      res.end();
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end('{"access_token":"jwt-from-airflow"}');
  }
}

const auth = (baseUrl: string) =>
  new AirflowAuth(
    {
      name: 'prod',
      baseUrl,
      username: 'admin',
      password: 'hunter2',
      config: new ConfigReader({ apiVersion: 'v2' }),
    },
    5_000,
  );

describe('AirflowAuth', () => {
  it('signs in at POST /auth/token and sends the token it got', async () => {
    const airflow = await new TokenEndpoint().start();
    expect(await auth(airflow.url).headers()).toEqual({
      Authorization: 'Bearer jwt-from-airflow',
    });
    await airflow.stop();
  });

  it.each([307, 308])(
    'does not send the password where a %i from the token endpoint points',
    async status => {
      const elsewhere = await new RecordingServer().start();
      const airflow = await new TokenEndpoint({
        status,
        to: `${elsewhere.url}/auth/token`,
      }).start();
      const error = await auth(airflow.url)
        .headers()
        .catch(e => e);
      expect(error).toBeInstanceOf(ToolUnavailableError);
      expect(error.message).toBe(
        `Airflow instance "prod" could not be asked: it redirected to another origin (${elsewhere.url}, HTTP ${status}), where credentials are never sent; set its baseUrl to where it answers`,
      );
      expect(elsewhere.received).toEqual([]);
      await Promise.all([airflow.stop(), elsewhere.stop()]);
    },
  );
});
