import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { RequestHandler } from 'express';
import { entityRefKey } from '../evaluation/evaluateAssessment';

// The checks of this file are the ones OpenAPI cannot express; everything else about a request
// is validated against src/schema/openapi.yaml before a handler runs.

/** The earliest and latest moments PostgreSQL and SQLite both store: years 0001 to 9999. */
const EARLIEST = new Date('0001-01-01T00:00:00Z').getTime();
const LATEST = new Date('9999-12-31T23:59:59.999Z').getTime();

/**
 * A query date-time as a Date, or an InputError when it is not a real moment of years
 * 0001–9999. The contract's pattern checks the RFC 3339 form; `2026-02-31T25:00:00Z` has it,
 * and would be read as another day, and year 0000 has it, which PostgreSQL cannot store.
 */
export function queryDate(name: string, value: string): Date {
  const [, y, mo, d, h, mi, s] =
    /^(\d+)-(\d+)-(\d+)T(\d+):(\d+):(\d+)/.exec(value) ?? [];
  const day = new Date(0);
  day.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  const real =
    day.getUTCMonth() === Number(mo) - 1 &&
    day.getUTCDate() === Number(d) &&
    Number(h) < 24 &&
    Number(mi) < 60 &&
    Number(s) < 60;
  return checkedMoment(name, real ? new Date(value) : new Date(NaN), value);
}

/** The moment itself, or an InputError when it is outside years 0001–9999. */
export function checkedMoment(name: string, date: Date, shown?: string): Date {
  const time = date.getTime();
  if (Number.isNaN(time) || time < EARLIEST || time > LATEST) {
    throw new InputError(
      `Invalid query parameter ${name}: ${JSON.stringify(
        (shown ?? String(date)).slice(0, 64),
      )} is not a date-time from year 0001 to 9999`,
    );
  }
  return date;
}

/** A `from`–`to` range, in order. */
export function checkedRange(from?: Date, to?: Date): void {
  if (from && to && from > to) {
    throw new InputError('from must not be after to');
  }
}

/**
 * A filter's entity reference as the store keys it, with the route's default kind and the
 * namespace `default`.
 */
export function filterRef(
  name: string,
  value: string,
  defaultKind: string,
): string {
  try {
    return entityRefKey(
      stringifyEntityRef(
        parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
      ),
    );
  } catch {
    throw new InputError(
      `Invalid query parameter ${name}: ${JSON.stringify(
        value.slice(0, 100),
      )} is not an entity reference`,
    );
  }
}

/** The names of the integer query parameters of an OpenAPI document, from its components. */
export function integerQueryParameters(spec: {
  components?: { parameters?: object; schemas?: object };
  paths: object;
}): Set<string> {
  const schemas = (spec.components?.schemas ?? {}) as Record<string, any>;
  const parameters = (spec.components?.parameters ?? {}) as Record<string, any>;
  const resolve = (node: any): any => {
    const ref: unknown = node?.$ref;
    if (typeof ref !== 'string') return node;
    const [, , group, key] = ref.split('/');
    return resolve(group === 'parameters' ? parameters[key] : schemas[key]);
  };
  const names = new Set<string>();
  for (const item of Object.values(spec.paths) as any[]) {
    const operations = Object.values(item).filter(
      (o: any) => o && typeof o === 'object' && !Array.isArray(o),
    );
    for (const p of [
      item.parameters,
      ...operations.map((o: any) => o.parameters),
    ]
      .flat()
      .filter(Boolean)
      .map(resolve)) {
      if (p.in === 'query' && resolve(p.schema)?.type === 'integer') {
        names.add(p.name);
      }
    }
  }
  return names;
}

/**
 * Rejects integer query parameters that are not written as integers. The OpenAPI validator
 * coerces them as JSON Schema does, which reads an empty or blank value as 0 (`?level=%20`).
 */
export function strictIntegerQuery(names: ReadonlySet<string>): RequestHandler {
  return (req, _res, next) => {
    for (const [name, value] of Object.entries(req.query)) {
      if (
        names.has(name) &&
        typeof value === 'string' &&
        !/^-?\d{1,9}$/.test(value)
      ) {
        next(
          new InputError(
            `Invalid query parameter ${name}: ${JSON.stringify(
              value.slice(0, 20),
            )} is not an integer`,
          ),
        );
        return;
      }
    }
    next();
  };
}
