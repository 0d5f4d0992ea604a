import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CliError } from './errors';

/**
 * An entity reference as the user wrote it, completed and lower-cased as the API answers it:
 * `churn-predictor` is `component:default/churn-predictor`.
 */
export function normalizeEntityRef(ref: string): CompoundEntityRef {
  let parsed: CompoundEntityRef;
  try {
    parsed = parseEntityRef(ref.trim(), {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new CliError(
      `Not an entity reference: ${JSON.stringify(ref)} (${
        (error as Error).message
      }); write kind:namespace/name, e.g. component:default/churn-predictor`,
    );
  }
  return {
    kind: parsed.kind.toLocaleLowerCase('en-US'),
    namespace: parsed.namespace.toLocaleLowerCase('en-US'),
    name: parsed.name.toLocaleLowerCase('en-US'),
  };
}

/** The reference as a string, e.g. `component:default/churn-predictor`. */
export function entityRefString(ref: CompoundEntityRef): string {
  return stringifyEntityRef(ref);
}
