import express from 'express';
import Router from 'express-promise-router';

/**
 * Creates the plugin's HTTP routes.
 *
 * @internal
 */
export async function createRouter(): Promise<express.Router> {
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  return router;
}
