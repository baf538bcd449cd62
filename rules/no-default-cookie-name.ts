import { defineRule, describeDefault, productionSites } from '../src/rule-kit.js';

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
    for (const s of productionSites(model)) {
      const nameOption = s.library.options.name;
      const defaultName = nameOption && s.library.defaults[nameOption];
      if (!nameOption || typeof defaultName !== 'string') continue;
      const isDefault = (v: unknown) => v === defaultName || v === undefined;
      const bad = s.certainly(nameOption, isDefault);
      if (!bad) continue;
      // A name given under an old alias (`key`) counts unless it is certainly absent (a name given outright wins over it).
      const aliases = s.library.options.nameAliases ?? [];
      if (bad.some((ov) => ov.missingPath) && aliases.some((a) => s.classify(a, isDefault, { value: defaultName }).other.length > 0)) continue;
      // `key: 'connect.sid'` (the alias, set to the default) is the narrowest node; the fix renames it to the documented option.
      const rename = bad.some((ov) => !ov.missingPath) ? undefined : aliases.flatMap((a) => s.option(a)).map((ov) => ({ ov, edits: s.replaceProperty(ov, `${nameOption}: 'sid'`) })).find((r) => r.edits);
      const target = rename?.ov ?? bad.find((ov) => !ov.missingPath) ?? bad[0]!;
      // The key is the option's last segment: the name may live in the cookie object ('cookie.name').
      const fix = rename?.edits ?? s.setOption(target, nameOption.split('.').pop()!, "'sid'");
      report({
        node: s.reportNode(target),
        messageId: 'defaultName',
        data: { library: s.library.displayName, name: defaultName },
        suggestions: fix ? [{ messageId: 'setName', data: { option: nameOption }, edits: fix }] : [],
      });
    }
  },
});
