// Types of the CommonJS entry of `session-audit/api`: the ESM module's own types.
type Api = typeof import('../dist/src/api.js', { with: { 'resolution-mode': 'import' } });
declare const api: Api;
declare namespace api {
  export type Finding = import('../dist/src/api.js', { with: { 'resolution-mode': 'import' } }).Finding;
  export type TextEdit = import('../dist/src/api.js', { with: { 'resolution-mode': 'import' } }).TextEdit;
  export type RuleDefinition = import('../dist/src/api.js', { with: { 'resolution-mode': 'import' } }).RuleDefinition;
  export type RuleSelection = import('../dist/src/api.js', { with: { 'resolution-mode': 'import' } }).RuleSelection;
  export type Analyzer = import('../dist/src/api.js', { with: { 'resolution-mode': 'import' } }).Analyzer;
}
export = api;
