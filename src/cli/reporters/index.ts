/** Reporters by name: each a pure function of the results and a context. */
import type { FormatName } from '../args.js';
import type { ReporterContext, Results } from '../results.js';
import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { html } from './html.js';
import { json } from './json.js';
import { pretty } from './pretty.js';
import { rdjson } from './rdjson.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';

export type Reporter = (results: Results, ctx: ReporterContext) => string;

export const reporters: Readonly<Record<FormatName, Reporter>> = { stylish, pretty, json, sarif, github, rdjson, gitlab, html };
