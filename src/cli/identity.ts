/**
 * A finding's identity, for baselines and SARIF `partialFingerprints`: what the finding is about
 * in the code, not where the file is or on which line. Made of
 *
 * - the rule and the message id (which problem);
 * - the name of what it configures: the syntactic path from the top of the file to the reported
 *   code, through calls (callee and literal arguments: `router.post('/login', …)`), properties
 *   (`cookie`), declarations (`createApp`), e.g. `app.use(…) > session(…) > cookie`;
 * - the normalized code context: the reported code with whitespace collapsed, nested calls,
 *   objects and functions elided (`httpOnly: false`, `session(…)`, `req.session.destroy(…)`);
 * - the bad value: the code the first remedy replaces (a secret's literal, wherever it is,
 *   masked: see `Identities`).
 *
 * So renaming or moving a file, or adding lines above a finding, keeps its identity; changing
 * the bad value (`httpOnly: false` to `0`, a secret's first characters or length) or the code
 * around it makes a new one. Equal identities are counted, as the baseline does. All of it is read from the text
 * with its secrets masked.
 */
import { createHash } from 'node:crypto';
import type * as TS from 'typescript';
import type { TSModule } from '../analysis/host.js';
import type { Finding } from '../rule.js';

export interface FindingIdentity {
  /** 16 hex digits of a SHA-256 of the parts above (secrets masked). */
  readonly identity: string;
  /** The path and context for people (from the masked text: no secret in it). */
  readonly context: string;
}

const MAX_TEXT = 120;

function normalize(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > MAX_TEXT ? `${one.slice(0, MAX_TEXT - 1)}…` : one;
}

/** The innermost node that holds [start, end). */
function nodeAt(ts: TSModule, sf: TS.SourceFile, start: number, end: number): TS.Node {
  let node: TS.Node = sf;
  for (;;) {
    let next: TS.Node | undefined;
    // The first child that holds the span (the cheap end test first; a truthy return stops the iteration).
    node.forEachChild((c) => {
      if (c.getEnd() >= end && c.getStart(sf) <= start) {
        next = c;
        return true;
      }
      return undefined;
    });
    if (!next) return node;
    node = next;
  }
}

class Describer {
  constructor(
    private readonly ts: TSModule,
    private readonly sf: TS.SourceFile,
    private readonly text: string,
  ) {}

  private raw(n: TS.Node): string {
    return this.text.slice(n.getStart(this.sf), n.getEnd());
  }

  private arg(e: TS.Expression): string {
    const ts = this.ts;
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isNumericLiteral(e)) return normalize(this.raw(e));
    return '…';
  }

  private nameOf(n: TS.Node & { name?: TS.Node }): string | undefined {
    return n.name ? normalize(this.raw(n.name)) : undefined;
  }

  /** A step of the path, for the nodes that name something; undefined for the others. */
  head(n: TS.Node): string | undefined {
    const ts = this.ts;
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      return `${ts.isNewExpression(n) ? 'new ' : ''}${this.context(n.expression)}(${(n.arguments ?? []).map((a) => this.arg(a)).join(', ')})`;
    }
    if (ts.isPropertyAssignment(n) || ts.isShorthandPropertyAssignment(n) || ts.isMethodDeclaration(n) || ts.isPropertyDeclaration(n) || ts.isVariableDeclaration(n) || ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n)) {
      return this.nameOf(n as TS.Node & { name?: TS.Node });
    }
    return undefined;
  }

  /** The reported code, normalized, nested parts elided. */
  context(n: TS.Node): string {
    const ts = this.ts;
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) return `${ts.isNewExpression(n) ? 'new ' : ''}${this.context(n.expression)}(${n.arguments?.length ? '…' : ''})`;
    if (ts.isObjectLiteralExpression(n)) return '{…}';
    if (ts.isArrayLiteralExpression(n)) return '[…]';
    if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) return 'function';
    if (ts.isPropertyAssignment(n)) return `${this.nameOf(n)}: ${this.context(n.initializer)}`;
    if (ts.isParenthesizedExpression(n)) return this.context(n.expression);
    return normalize(this.raw(n));
  }

  path(node: TS.Node): string[] {
    const out: string[] = [];
    for (let a = node.parent; a && a !== this.sf; a = a.parent) {
      const h = this.head(a);
      if (h !== undefined) out.unshift(h);
    }
    return out;
  }
}

/**
 * Identities of the findings of one run. `sourceFile`: the parsed file (of the `ts` given);
 * `textOf` / `maskedTextOf`: a file's analyzed text, as is and with its secrets masked.
 *
 * The identity is made from the masked text only (secrets.ts: a secret's first characters, at
 * most 3, and its length, as the baseline's `context` shows them): a baseline file or a SARIF
 * fingerprint cannot be used to recover or confirm a secret by hashing guesses, since nothing
 * of the secret beyond what `context` shows goes into the hash. So changing a secret to one
 * with the same masked form keeps the finding's identity (it is the same defect, at the same
 * place); changing any other bad value makes a new one.
 */
export class Identities {
  constructor(
    private readonly ts: TSModule,
    private readonly sourceFile: (file: string) => TS.SourceFile | undefined,
    private readonly textOf: (file: string) => string | undefined,
    private readonly maskedTextOf: (file: string) => string | undefined,
  ) {}

  of(f: Finding): FindingIdentity {
    const { identity, readable } = this.made(f, (file) => this.maskedTextOf(file) ?? this.textOf(file));
    return { identity, context: readable };
  }

  /**
   * The identity as version 2 baselines recorded it: made from the file's text as is (a
   * secret's text went into the hash). Only to match the entries of such a baseline.
   */
  former(f: Finding): string {
    return this.made(f, this.textOf).identity;
  }

  private made(f: Finding, textOf: (file: string) => string | undefined): { identity: string; readable: string } {
    const sf = this.sourceFile(f.file);
    const text = textOf(f.file) ?? '';
    // The bad value: what the first remedy replaces (in whichever file it is).
    const value = (f.suggestions[0]?.edits ?? []).map((e) => normalize(textOf(e.file)?.slice(e.start, e.end) ?? '')).join(' | ');
    let path: string[] = [];
    let context: string;
    // Masking keeps every text's length: the tree's offsets hold in the masked text too.
    if (sf && sf.text.length === text.length && sf.text === this.textOf(f.file)) {
      const node = nodeAt(this.ts, sf, f.start, f.end);
      const describer = new Describer(this.ts, sf, text);
      path = describer.path(node);
      context = describer.context(node);
    } else {
      // No syntax tree (cannot happen for an analyzed file): the reported text alone.
      context = normalize(text.slice(f.start, f.end));
    }
    const identity = createHash('sha256').update([f.ruleId, f.messageId, path.join(' > '), context, value].join('\u0000')).digest('hex').slice(0, 16);
    return { identity, readable: [...path, context].join(' > ') };
  }
}
