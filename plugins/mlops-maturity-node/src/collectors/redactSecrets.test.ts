import { redactSecrets } from './redactSecrets';

describe('redactSecrets', () => {
  it.each([
    [
      'fetch failed: Request cannot be constructed from a URL that includes credentials: http://admin:hunter2@mlflow.internal:5000/api',
      'fetch failed: Request cannot be constructed from a URL that includes credentials: http://***@mlflow.internal:5000/api',
    ],
    [
      'GET https://ghp_abcdefghijklmnopqrstuvwxyz0123@github.com/acme/x.git failed',
      'GET https://***@github.com/acme/x.git failed',
    ],
    ['http://u:p@ss@host/x', 'http://***@host/x'],
    [
      'answered for /dl?X-Amz-Credential=AKIAABCDEFGHIJKLMNOP%2F&X-Amz-Signature=deadbeef&page=2',
      'answered for /dl?X-Amz-Credential=***&X-Amz-Signature=***&page=2',
    ],
    [
      'GET /api?access_token=abc123&limit=5 failed',
      'GET /api?access_token=***&limit=5 failed',
    ],
    [
      'sent Authorization: Bearer eyJhbGciOi.eyJzdWIiOiIx.sig and Basic YWRtaW46aHVudGVyMg==',
      'sent Authorization: Bearer *** and Basic ***',
    ],
    ['token ghp_0123456789abcdefghijABCDEFGHIJ rejected', 'token *** rejected'],
    ['key AKIAIOSFODNN7EXAMPLE is not allowed', 'key *** is not allowed'],
  ])('scrubs %s', (text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
  });

  it('keeps messages without secrets as they are', () => {
    const message =
      'MLflow instance "prod" could not be asked: credentials rejected (HTTP 401); Basic auth, no answer within 10 s, see https://mlflow.internal/#/models/churn?tab=versions';
    expect(redactSecrets(message)).toBe(message);
  });
});
