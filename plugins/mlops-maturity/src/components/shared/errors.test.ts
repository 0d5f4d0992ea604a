import { NotFoundError } from '@backstage/errors';
import { responseError } from '../../__testUtils__/assessments';
import { errorMessage, isNotAssessedError } from './errors';

describe('isNotAssessedError', () => {
  it('recognises the 404 ResponseError of the client', async () => {
    const error = await responseError(
      404,
      'NotFoundError',
      'No assessment of component:default/fraud-scorer',
    );
    expect(error.name).toBe('ResponseError');
    expect(isNotAssessedError(error)).toBe(true);
  });

  it('recognises a NotFoundError', () => {
    expect(isNotAssessedError(new NotFoundError('none'))).toBe(true);
  });

  it('rejects other errors', async () => {
    expect(
      isNotAssessedError(await responseError(500, 'Error', 'database down')),
    ).toBe(false);
    expect(
      isNotAssessedError(await responseError(403, 'NotAllowedError', 'no')),
    ).toBe(false);
    expect(isNotAssessedError(new Error('boom'))).toBe(false);
    expect(isNotAssessedError(undefined)).toBe(false);
    expect(isNotAssessedError('404')).toBe(false);
  });
});

describe('errorMessage', () => {
  it("prefers the server's message to the generic one of a ResponseError", async () => {
    const error = await responseError(500, 'Error', 'database unavailable');
    expect(error.message).toBe('Request failed with 500 Internal Server Error');
    expect(errorMessage(error)).toBe('database unavailable');
    expect(errorMessage(new Error('boom'))).toBe('boom');
  });
});
