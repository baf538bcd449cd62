import { classify, reportNode } from '../src/analysis/locate.js';
import { setOption } from '../src/analysis/remedies.js';
import { describeDefault } from '../src/analysis/libraries.js';
import { replaceNode } from '../src/analysis/edits.js';
import { defineRule } from '../src/rule.js';

type MessageIds = 'defaultName' | 'setName';

export default defineRule<MessageIds, []>({
  id: 'no-default-cookie-name',
  meta: {
    type: 'suggestion',
    description: "Disallow the session library's default cookie name, which fingerprints the stack",
    severity: 'warn',
    configs: ['strict'],
    messages: {
      defaultName:
        "The session cookie keeps {{library}}'s default name '{{name}}', which tells every visitor (and scanner) which framework and session library the app runs.",
      setName: "Name the cookie: `{{option}}: 'sid'`.",
    },
    schema: [],
    defaultOptions: [],
    hasSuggestions: true,
    testFiles: 'skip',
    cwe: ['CWE-200'],
    // fingerprinting only (CVSS 3.1 AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N)
    securitySeverity: 3.1,
    crossModule: true,
  },
  libraryOption: (lib) => (lib.options.name ? { option: [lib.options.name, ...(lib.options.nameAliases ?? [])].join(', '), default: describeDefault(lib.defaults[lib.options.name]) } : undefined),
  check({ model, report }) {
    const ts = model.host.ts;
    for (const site of model.sites) {
      const nameOption = site.library.options.name;
      if (!nameOption) continue;
      const view = site.view('production');
      if (view.reachable === false) continue;
      const defaultName = site.library.defaults[nameOption];
      if (typeof defaultName !== 'string') continue;
      const { bad, other } = classify(view.option(nameOption), defaultName, (v) => v === defaultName || v === undefined);
      if (bad.length === 0 || other.length > 0) continue;
      // A name given under an old alias (`key`) counts unless it is certainly absent (a name given outright wins over it).
      const aliases = site.library.options.nameAliases ?? [];
      if (bad.some((ov) => ov.missingPath) && aliases.some((a) => classify(view.option(a), defaultName, (v) => v === defaultName || v === undefined).other.length > 0)) continue;
      // `key: 'connect.sid'` (the alias, set to the default) is the narrowest node; the fix renames it to the documented option.
      const alias = bad.some((ov) => !ov.missingPath) ? undefined : aliases.flatMap((a) => view.option(a)).find((ov) => !ov.missingPath && ov.site && ts.isPropertyAssignment(ov.site));
      const target = alias ?? bad.find((ov) => !ov.missingPath) ?? bad[0]!;
      const fix = alias ? [replaceNode(alias.site!, `${nameOption}: 'sid'`)] : setOption(ts, target, nameOption, "'sid'");
      report({
        node: reportNode(site, target, ts),
        messageId: 'defaultName',
        data: { library: site.library.displayName, name: defaultName },
        suggestions: fix ? [{ messageId: 'setName', data: { option: nameOption }, edits: fix }] : [],
      });
    }
  },
});
