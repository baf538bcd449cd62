/**
 * The modules a file loads: `import ... from`, `export ... from`, `import x = require()`,
 * `require()` and `import()`, each with its specifier node and whether it exists at run
 * time (a type-only import does not). One iterative walk per file.
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';
import { normalizeModule, packageName } from './libraries.js';
import { type LibraryAliases, aliasModule } from './library-aliases.js';
import { isModuleLoad } from './syntax.js';
import { walk } from './walk.js';

export interface ImportRef {
  /** The specifier as written (`'csurf'`, `'./config.js'`). */
  readonly specifier: TS.StringLiteralLike;
  /** Its text without a `node:` prefix, read through the library aliases (a fork's name is its library's). */
  readonly module: string;
  /** `import type ...`, `export type ... from`, `import type x = require()`: nothing is loaded at run time. */
  readonly typeOnly: boolean;
}

export function findImports(sf: TS.SourceFile, ts: TSModule, aliases?: LibraryAliases): ImportRef[] {
  const out: ImportRef[] = [];
  const add = (spec: TS.Node | undefined, typeOnly: boolean) => {
    if (spec && ts.isStringLiteralLike(spec)) out.push({ specifier: spec, module: aliasModule(normalizeModule(spec.text), aliases), typeOnly });
  };
  walk(ts, sf, (n) => {
    if (ts.isImportDeclaration(n)) add(n.moduleSpecifier, n.importClause?.isTypeOnly === true);
    else if (ts.isExportDeclaration(n)) add(n.moduleSpecifier, n.isTypeOnly);
    else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference)) add(n.moduleReference.expression, n.isTypeOnly);
    else if (isModuleLoad(n, ts)) add(n.arguments[0], false);
  });
  return out;
}

/**
 * Bare module specifiers a file imports, requires or re-exports (without `node:`), type-only
 * imports included: the specifier ('iron-session/next') and its package ('iron-session').
 */
export function bareModules(imports: readonly ImportRef[]): Set<string> {
  const out = new Set<string>();
  for (const i of imports) {
    if (i.module.startsWith('.') || i.module.startsWith('/')) continue;
    out.add(i.module);
    out.add(packageName(i.module));
  }
  return out;
}
