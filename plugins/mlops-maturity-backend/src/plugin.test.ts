import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { mlopsMaturityPlugin } from './plugin';

describe('mlopsMaturityPlugin', () => {
  it('answers /health without credentials', async () => {
    const { server } = await startTestBackend({
      features: [mlopsMaturityPlugin],
    });

    const res = await request(server)
      .get('/api/mlops-maturity/health')
      .set('Authorization', mockCredentials.none.header());

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('rejects other routes without credentials', async () => {
    const { server } = await startTestBackend({
      features: [mlopsMaturityPlugin],
    });

    const res = await request(server)
      .get('/api/mlops-maturity/v1/rubric')
      .set('Authorization', mockCredentials.none.header());

    expect(res.status).toBe(401);
  });
});
