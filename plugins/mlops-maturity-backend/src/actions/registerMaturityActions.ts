import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type {
  Assessment,
  MaturityFilter,
} from '@mlops-maturity/plugin-mlops-maturity-common';
import { entityRefKey } from '../evaluation/evaluateAssessment';
import type { EntityAssessments } from '../service/EntityAssessments';
import type { MaturityAccess } from '../service/MaturityAccess';
import { filterOf } from '../service/router';
import type { MaturityStore } from '../store/MaturityStore';
import { explainNextLevel } from './explainNextLevel';

type Zod = Parameters<
  Parameters<ActionsRegistryService['register']>[0]['schema']['input']
>[0];

const entityRefInput = (z: Zod) =>
  z.object({
    entityRef: z
      .string()
      .min(1)
      .max(400)
      .describe(
        'The service, as an entity reference: component:default/churn-predictor, or churn-predictor for a component in the default namespace',
      ),
  });

const level = (z: Zod) => z.number().int().min(0).max(4);

/** The scorecard's filters, as the actions that read many services take them. */
const filterFields = (z: Zod) => ({
  level: level(z).optional().describe('Exactly this level'),
  minLevel: level(z).optional().describe('This level or higher'),
  maxLevel: level(z).optional().describe('This level or lower'),
  belowTarget: z
    .boolean()
    .optional()
    .describe('Only services below their target level'),
  owner: z
    .string()
    .max(400)
    .optional()
    .describe('The owning group: team-a or group:default/team-a'),
  system: z.string().max(400).optional(),
  domain: z.string().max(400).optional(),
  lifecycle: z.string().max(200).optional(),
});

/** An assessment as the HTTP API answers it; the schema names what agents use and keeps the rest. */
const assessmentOutput = (z: Zod) =>
  z
    .object({
      entityRef: z.string(),
      level: level(z),
      verifiedLevel: level(z),
      targetLevel: level(z),
      targetReason: z.string(),
      meetsTarget: z.boolean(),
      assessedAt: z.string(),
      checks: z.array(z.any()),
      nextLevel: z.any().optional(),
    })
    .passthrough();

/** A typed answer as a schema with `.passthrough()` types it: open to the fields it does not name. */
const open = <T extends object>(value: T) =>
  value as T & { [key: string]: unknown };

/** The normalized ref of an action's `entityRef`, short forms completed as the catalog does. */
function refOf(entityRef: string): string {
  try {
    return entityRefKey(
      stringifyEntityRef(
        parseEntityRef(entityRef.trim(), {
          defaultKind: 'component',
          defaultNamespace: 'default',
        }),
      ),
    );
  } catch (error) {
    throw new InputError(`"${entityRef}" is not an entity reference`);
  }
}

/**
 * Registers the plugin's actions with Backstage's actions registry, so that AI agents (through
 * `@backstage/plugin-mcp-actions-backend`) and other plugins can read levels and act on them.
 * Each action checks access as the HTTP API does ({@link MaturityAccess}), with the caller's
 * own credentials: an entity the catalog hides from them is not found, and re-assessing needs
 * the refresh permission.
 *
 * @internal
 */
export function registerMaturityActions(options: {
  actionsRegistry: ActionsRegistryService;
  access: MaturityAccess;
  assessments: EntityAssessments;
  store: MaturityStore;
}) {
  const { actionsRegistry, access, assessments, store } = options;

  /** An action that answers one entity's assessment, as `answer` gives it. */
  function registerAssessmentAction(
    action: Pick<
      Parameters<ActionsRegistryService['register']>[0],
      'name' | 'title' | 'description' | 'attributes'
    >,
    answer: (
      credentials: BackstageCredentials,
      ref: string,
    ) => Promise<Assessment>,
  ) {
    actionsRegistry.register({
      ...action,
      schema: {
        input: entityRefInput,
        output: z => z.object({ assessment: assessmentOutput(z) }),
      },
      action: async ({ input, credentials }) => ({
        output: {
          assessment: open(await answer(credentials, refOf(input.entityRef))),
        },
      }),
    });
  }

  registerAssessmentAction(
    {
      name: 'get-assessment',
      title: 'Get the MLOps maturity of an ML service',
      description:
        'The MLOps maturity assessment of one ML service: its level (0 Manual to 4 Optimized), the level its live evidence alone proves (verifiedLevel), the level it should aim for (targetLevel, with the reason), whether it meets it, every check with its status, message and evidence links, and what blocks the next level.',
      attributes: { readOnly: true, idempotent: true, destructive: false },
    },
    (credentials, ref) => assessments.read(credentials, ref),
  );

  actionsRegistry.register({
    name: 'list-ml-services',
    title: 'List ML services by MLOps maturity',
    description:
      'ML services and their levels, filtered by level, by whether they are below their target level, and by owner, system, domain or lifecycle; paged with nextCursor. Only services the caller may read in the catalog are listed.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          ...filterFields(z),
          limit: z.number().int().min(1).max(500).optional().default(50),
          cursor: z
            .string()
            .max(1000)
            .optional()
            .describe('The nextCursor of the previous page'),
        }),
      output: z =>
        z.object({
          items: z.array(
            z
              .object({
                entityRef: z.string(),
                level: level(z),
                verifiedLevel: level(z),
                targetLevel: level(z),
                meetsTarget: z.boolean(),
              })
              .passthrough(),
          ),
          total: z.number(),
          nextCursor: z.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const { limit, cursor, ...query } = input;
      const filter = await access.readableFilter(
        credentials,
        // The schema keeps levels to 0–4.
        filterOf(query as MaturityFilter),
      );
      const page = await store.listAssessments(filter, { limit, cursor });
      return { output: { ...page, items: page.items.map(open) } };
    },
  });

  actionsRegistry.register({
    name: 'what-to-fix-first',
    title: 'What to fix first across ML services',
    description:
      'For each check, how many ML services fixing it alone would lift to their next level (only services for which it is the last blocker count), and the services one check away from their target level, with that check; within the filters, and only services the caller may read in the catalog. list-ml-services does not list them; GET /v1/entities?lastBlocker=<checkId> does.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          ...filterFields(z),
          limit: z
            .number()
            .int()
            .min(1)
            .max(100)
            .optional()
            .default(20)
            .describe('How many services one check from their target to list'),
        }),
      output: z =>
        z.object({
          checks: z.array(
            z.object({
              checkId: z.string(),
              lifts: z.number(),
              reachesTarget: z.number(),
            }),
          ),
          oneCheckFromTarget: z.array(
            z
              .object({
                entityRef: z.string(),
                level: level(z),
                targetLevel: level(z),
                checkId: z.string(),
              })
              .passthrough(),
          ),
          oneCheckFromTargetTotal: z.number(),
        }),
    },
    action: async ({ input, credentials }) => {
      const { limit, ...query } = input;
      const filter = await access.readableFilter(
        credentials,
        filterOf(query as MaturityFilter),
      );
      const leverage = await store.getLeverage(filter, limit);
      return {
        output: {
          ...leverage,
          oneCheckFromTarget: leverage.oneCheckFromTarget.map(open),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'explain-next-level',
    title: 'Explain what blocks the next MLOps maturity level',
    description:
      'What an ML service must fix to reach its next level: each blocking check with what was found and what to do, the effort, and where the service stands against its target; as text to act on and as data.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: entityRefInput,
      output: z =>
        z.object({
          explanation: z.string(),
          entityRef: z.string(),
          level: level(z),
          verifiedLevel: level(z),
          targetLevel: level(z),
          meetsTarget: z.boolean(),
          nextLevel: z
            .object({
              level: level(z),
              effort: z.string().optional(),
              blockers: z.array(
                z.object({
                  checkId: z.string(),
                  title: z.string(),
                  status: z.string(),
                  message: z.string(),
                  guidance: z.string(),
                }),
              ),
            })
            .optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const a = await assessments.read(credentials, refOf(input.entityRef));
      return {
        output: {
          explanation: explainNextLevel(a),
          entityRef: a.entityRef,
          level: a.level,
          verifiedLevel: a.verifiedLevel,
          targetLevel: a.targetLevel,
          meetsTarget: a.meetsTarget,
          nextLevel: a.nextLevel,
        },
      };
    },
  });

  registerAssessmentAction(
    {
      name: 'refresh-assessment',
      title: 'Re-assess an ML service now',
      description:
        'Asks the tools for fresh evidence about one ML service and stores its new assessment, as the Refresh button does; needs the refresh permission.',
      attributes: { readOnly: false, idempotent: true, destructive: false },
    },
    (credentials, ref) => assessments.refresh(credentials, ref),
  );
}
