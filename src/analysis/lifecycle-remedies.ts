/**
 * The remedy for an unhandled lifecycle error: a callback that forwards the
 * error to the handler's `next` (added to the handler's parameters when it has
 * only `req, res`), or an error check at the top of an existing callback.
 *
 * A call without a callback that is a statement of the handler's own body, with
 * statements after it (`req.session.destroy(); res.redirect('/')`), gets those
 * statements moved into the new callback: they must run once the store is done,
 * and not at all when it failed (else the error handler and the redirect both
 * answer the request).
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';
import type { TextEdit } from '../rule.js';
import { eolOf, lineIndent, replaceNode } from './edits.js';
import type { LifecycleCall, LifecycleRemedy } from './lifecycle.js';
import { walk } from './walk.js';

export function callbackRemedy(ts: TSModule, lc: LifecycleCall): LifecycleRemedy | undefined {
  const handler = lc.handler;
  if (!handler) return undefined;
  const sf = lc.call.getSourceFile();
  const file = sf.fileName;
  const edits: TextEdit[] = [];
  let next: string;
  const third = handler.parameters[2];
  if (third) {
    if (!ts.isIdentifier(third.name) || third.dotDotDotToken) return undefined; // `(req, res, ...rest)`: no next to call
    next = third.name.text;
  } else {
    if (handler.parameters.length !== 2) return undefined;
    next = 'next';
    if (handler.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === 'next')) return undefined;
    const second = handler.parameters[1]!;
    // `(req, res) =>` gains `next`; an arrow without parentheses has at least two params here, so it has them.
    edits.push({ file, start: second.getEnd(), end: second.getEnd(), text: isTyped(second) ? `, ${next}: (err?: unknown) => void` : `, ${next}` });
  }
  let errName = 'err';
  if (lc.handling === 'no-callback') {
    const args = lc.call.arguments;
    if (args.length !== lc.callbackIndex) return undefined;
    const nl = eolOf(sf.text);
    const indent = lineIndent(sf.text, lc.call.getStart(sf));
    const rest = statementsAfter(ts, lc.call, handler);
    if (rest && /\berr\b/.test(sf.text.slice(rest.start, rest.end))) errName = 'sessionErr';
    const moved = rest ? `${reindent(sf.text.slice(rest.start, rest.end), nl, rest.multilineLiteral)}` : '';
    const cb = `(${errName}) => {${nl}${indent}  if (${errName}) return ${next}(${errName});${moved}${nl}${indent}}`;
    const insertAt = args.length === 0 ? lc.call.arguments.end : args[args.length - 1]!.getEnd();
    edits.push({ file, start: insertAt, end: insertAt, text: args.length === 0 ? cb : `, ${cb}` });
    if (rest) edits.push({ file, start: rest.start, end: rest.end, text: '' });
    return { next, edits, movedStatements: rest ? rest.count : 0 };
  }
  const fn = lc.callback;
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return undefined;
  const param = fn.parameters[0];
  let name = errName;
  if (param) {
    if (!ts.isIdentifier(param.name)) return undefined;
    name = param.name.text;
  } else {
    // `() =>` / `function () {` gains the error parameter, under a name the body does not already use.
    if (/\berr\b/.test(fn.body.getText(sf))) name = errName = 'sessionErr';
    const open = fn.getStart(sf) + fn.getText(sf).indexOf('(');
    if (open < fn.getStart(sf) || (ts.isArrowFunction(fn) && sf.text[open] !== '(')) return undefined;
    edits.push({ file, start: open + 1, end: open + 1, text: errName });
  }
  const check = `if (${name}) return ${next}(${name});`;
  if (ts.isBlock(fn.body)) {
    const first = fn.body.statements[0];
    const brace = fn.body.getStart(sf);
    if (first) {
      const indent = lineIndent(sf.text, first.getStart(sf));
      const sameLine = sf.getLineAndCharacterOfPosition(first.getStart(sf)).line === sf.getLineAndCharacterOfPosition(brace).line;
      edits.push({ file, start: first.getStart(sf), end: first.getStart(sf), text: sameLine ? `${check} ` : `${check}${eolOf(sf.text)}${indent}` });
    } else if (sf.text.slice(brace + 1, fn.body.getEnd() - 1).trim() === '') {
      edits.push({ file, start: brace + 1, end: fn.body.getEnd() - 1, text: ` ${check} ` }); // `{ }` becomes `{ check }`
    } else {
      edits.push({ file, start: brace + 1, end: brace + 1, text: ` ${check} ` }); // `{ /* comment */ }`
    }
  } else {
    const body = fn.body;
    edits.push(replaceNode(body, `{ ${check} return ${body.getText(sf)}; }`));
  }
  return { next, edits };
}

/**
 * The statements after the call's own statement in the handler's body: the text from the
 * end of the call's statement to the end of the last one (comments and line breaks between
 * included). None when the call is not a statement of the handler's body itself (inside an
 * `if`, a loop, an expression), when nothing follows, or when what follows awaits or yields
 * (it cannot run in a plain callback).
 */
function statementsAfter(
  ts: TSModule,
  call: TS.CallExpression,
  handler: TS.SignatureDeclaration,
): { start: number; end: number; count: number; multilineLiteral: boolean } | undefined {
  const stmt = call.parent;
  if (!ts.isExpressionStatement(stmt) || stmt.expression !== call) return undefined;
  const body = stmt.parent;
  if (!ts.isBlock(body) || body.parent !== handler) return undefined;
  const i = body.statements.indexOf(stmt);
  const after = body.statements.slice(i + 1);
  if (after.length === 0) return undefined;
  let blocked = false;
  let multilineLiteral = false;
  const sf = call.getSourceFile();
  for (const s of after) {
    walk(ts, s, (n) => {
      if (blocked || ts.isFunctionLike(n)) return false; // a nested function's own awaits and yields
      if (ts.isAwaitExpression(n) || ts.isYieldExpression(n) || (ts.isForOfStatement(n) && n.awaitModifier)) {
        blocked = true;
        return false;
      }
      if ((ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n)) && n.getText(sf).includes('\n')) multilineLiteral = true;
      return true;
    });
    if (blocked) break;
  }
  if (blocked) return undefined;
  return { start: stmt.getEnd(), end: after[after.length - 1]!.getEnd(), count: after.length, multilineLiteral };
}

/** Moved text, two spaces deeper on every line (not when a template literal spans lines: its text must not change). */
function reindent(text: string, nl: string, keep: boolean): string {
  if (keep) return text;
  return text
    .split(nl)
    .map((line, i) => (i === 0 || line.trim() === '' ? line : `  ${line}`))
    .join(nl);
}

function isTyped(p: TS.ParameterDeclaration): boolean {
  return p.type !== undefined;
}
