// Types of the CommonJS entry: the ESM plugin's own types (no copy to drift).
declare const plugin: typeof import('../dist/src/eslint/index.js', { with: { 'resolution-mode': 'import' } }).default;
export = plugin;
