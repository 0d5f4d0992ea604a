/**
 * `grafana/dashboard-selector` as the Backstage Grafana plugin (`@backstage-community/plugin-grafana`,
 * formerly `@k-phoen/backstage-plugin-grafana`) reads it: a single word (`[\w-]+`) is a dashboard
 * tag, searched with Grafana's `tag` filter; anything else is an expression over each dashboard
 * of Grafana's search (its `tags`, `title`, `folderTitle`, ...), which the plugin parses with jsep
 * and evaluates with its QueryEvaluator: `@>` (array contains), `==`, `!=`, `&&`, `||`, `!`,
 * parentheses, identifiers, string, number, true/false/null literals. A dashboard matches when
 * the expression is exactly `true`.
 */

/** A parsed selector expression. */
export type SelectorNode =
  | { type: 'identifier'; name: string }
  | { type: 'literal'; value: string | number | boolean | null }
  | { type: 'not'; argument: SelectorNode }
  | {
      type: 'binary';
      operator: '||' | '&&' | '==' | '!=' | '@>';
      left: SelectorNode;
      right: SelectorNode;
    };

/** A selector: a tag, or an expression over dashboards. */
export type DashboardSelector =
  | { kind: 'tag'; tag: string }
  | { kind: 'expression'; root: SelectorNode };

/** A selector the plugin would not parse or could not evaluate; the message says why. */
export class SelectorError extends Error {
  name = 'SelectorError';
}

/** jsep's precedence of the operators the plugin evaluates (it adds `@>` at 6, with `==`). */
const PRECEDENCE: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 6,
  '!=': 6,
  '@>': 6,
};
/** The operators the plugin evaluates, and those jsep parses but the plugin's evaluator rejects. */
const SUPPORTED = new Set(['@>', '&&', '||', '==', '!=', '!', '(', ')']);
const ALL_OPERATORS = [
  ...SUPPORTED,
  ...['===', '!==', '<<', '>>', '>>>', '<=', '>=', '??', '|', '^', '&'],
  ...['<', '>', '+', '-', '*', '/', '%', '~', '?', ':', '.', '[', ']', ','],
].sort((a, b) => b.length - a.length);
const LITERALS: Record<string, boolean | null> = {
  true: true,
  false: false,
  null: null,
};

type Token =
  | { kind: 'op'; value: string; at: number }
  | { kind: 'identifier'; value: string; at: number }
  | { kind: 'literal'; value: string | number | boolean | null; at: number };

const ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  v: '\v',
};

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      let value = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== c; j++) {
        if (text[j] === '\\' && j + 1 < text.length) {
          j++;
          value += ESCAPES[text[j]] ?? text[j];
        } else {
          value += text[j];
        }
      }
      if (j >= text.length)
        throw new SelectorError(`Unclosed quote after "${value}"`);
      tokens.push({ kind: 'literal', value, at: i });
      i = j + 1;
      continue;
    }
    const number = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (number) {
      tokens.push({ kind: 'literal', value: Number(number[0]), at: i });
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(i));
    if (word) {
      const name = word[0];
      tokens.push(
        name in LITERALS
          ? { kind: 'literal', value: LITERALS[name], at: i }
          : { kind: 'identifier', value: name, at: i },
      );
      i += name.length;
      continue;
    }
    const rest = text.slice(i);
    const op = ALL_OPERATORS.find(o => rest.startsWith(o));
    if (!op) throw new SelectorError(`Unexpected "${c}" at ${i + 1}`);
    if (!SUPPORTED.has(op)) {
      throw new SelectorError(
        `"${op}" at ${
          i + 1
        } is not something the Grafana plugin evaluates (it knows @>, ==, !=, &&, ||, ! and parentheses)`,
      );
    }
    tokens.push({ kind: 'op', value: op, at: i });
    i += op.length;
  }
  return tokens;
}

class Parser {
  #i = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): SelectorNode {
    if (this.tokens.length === 0) throw new SelectorError('Empty selector');
    const root = this.#binary(0);
    const extra = this.tokens[this.#i];
    if (extra) {
      throw new SelectorError(
        `Unexpected ${JSON.stringify(extra.value)} at ${extra.at + 1}`,
      );
    }
    return root;
  }

  /** Precedence climbing, left-associative, as jsep's binary expressions. */
  #binary(min: number): SelectorNode {
    let left = this.#unary();
    for (;;) {
      const t = this.tokens[this.#i];
      const precedence =
        t?.kind === 'op' ? PRECEDENCE[t.value as string] : undefined;
      if (precedence === undefined || precedence < min) return left;
      this.#i++;
      const right = this.#binary(precedence + 1);
      left = {
        type: 'binary',
        operator: t!.value as '||',
        left,
        right,
      };
    }
  }

  #unary(): SelectorNode {
    const t = this.tokens[this.#i++];
    if (!t) throw new SelectorError('Expected an expression at the end');
    if (t.kind === 'literal') return { type: 'literal', value: t.value };
    if (t.kind === 'identifier') return { type: 'identifier', name: t.value };
    if (t.value === '!') return { type: 'not', argument: this.#unary() };
    if (t.value === '(') {
      const inner = this.#binary(0);
      const close = this.tokens[this.#i++];
      if (close?.kind !== 'op' || close.value !== ')')
        throw new SelectorError(`Unclosed ( at ${t.at + 1}`);
      return inner;
    }
    throw new SelectorError(`Unexpected "${t.value}" at ${t.at + 1}`);
  }
}

/** True when the plugin searches Grafana by this tag rather than evaluating an expression. */
export const isSingleTag = (selector: string) => /^[\w-]+$/.test(selector);

/**
 * Parses a `grafana/dashboard-selector` value; throws a {@link SelectorError} for one the
 * plugin would not parse or evaluate.
 */
export function parseDashboardSelector(selector: string): DashboardSelector {
  if (isSingleTag(selector)) return { kind: 'tag', tag: selector };
  return { kind: 'expression', root: new Parser(tokenize(selector)).parse() };
}

function evaluate(node: SelectorNode, context: Record<string, unknown>): any {
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'identifier':
      if (!Object.prototype.hasOwnProperty.call(context, node.name))
        throw new SelectorError(`identifier ${node.name} does not exist`);
      return context[node.name];
    case 'not':
      return !evaluate(node.argument, context);
    case 'binary': {
      const left = evaluate(node.left, context);
      switch (node.operator) {
        case '&&':
          return left && evaluate(node.right, context);
        case '||':
          return left || evaluate(node.right, context);
        case '==':
          return left === evaluate(node.right, context);
        case '!=':
          return left !== evaluate(node.right, context);
        default: {
          if (!Array.isArray(left))
            throw new SelectorError('@> operator can only be used on an array');
          return left.includes(evaluate(node.right, context));
        }
      }
    }
    default:
      throw new SelectorError('unknown node');
  }
}

/**
 * Whether a dashboard of Grafana's search matches an expression, as the plugin decides: the
 * expression is exactly `true`. Throws a {@link SelectorError} where the plugin's evaluation
 * throws (an identifier the dashboard lacks, `@>` on something that is not a list).
 */
export function matchesDashboard(
  root: SelectorNode,
  dashboard: Record<string, unknown>,
): boolean {
  return evaluate(root, dashboard) === true;
}
