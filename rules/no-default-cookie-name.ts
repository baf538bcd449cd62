import { defineRule, describeDefault, productionSites, removedOptionsFor } from '../src/rule-kit.js';

type MessageIds = 'defaultName' | 'ignoredOption' | 'setName' | 'renameOption';

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
      ignoredOption:
        "The session cookie keeps {{library}}'s default name '{{name}}', which tells every visitor (and scanner) which framework and session library the app runs: its `{{alias}}` option is ignored ({{library}} reads `{{option}}` instead since {{version}}).",
      setName: "Name the cookie: `{{option}}: 'sid'`.",
      renameOption: 'Rename `{{alias}}` to `{{option}}`, which {{library}} reads: the cookie gets the name the app gave it.',
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
      const ignoredOptions = removedOptionsFor(model, s.library, nameOption);
      // Options a later version stopped reading are aliases where the app's version still reads them.
      const stillRead = Object.entries(s.library.removedOptions ?? {}).filter(([k, r]) => r.replacedBy === nameOption && !ignoredOptions.some((i) => i.name === k)).map(([k]) => k);
      const aliases = [...(s.library.options.nameAliases ?? []), ...stillRead];
      if (bad.some((ov) => ov.missingPath) && aliases.some((a) => s.classify(a, isDefault, { value: defaultName }).other.length > 0)) continue;
      // A name under an option the app's version no longer reads (cookie-session 2's `key`): the fix renames that option, keeping the name.
      if (bad.every((ov) => ov.missingPath)) {
        const ignored = ignoredOptions
          .map((r) => ({ r, given: s.option(r.name) }))
          .find(({ r, given }) => given.length === 1 && s.classify(r.name, isDefault, { value: defaultName }).other.length > 0);
        if (ignored) {
          const ov = ignored.given[0]!;
          const edits = s.renameProperty(ov, nameOption);
          const alias = ignored.r.name;
          report({
            node: s.reportNode(ov),
            messageId: 'ignoredOption',
            data: { library: s.library.displayName, name: defaultName, alias, option: nameOption, version: ignored.r.version },
            suggestions: edits ? [{ messageId: 'renameOption', data: { alias, option: nameOption, library: s.library.displayName }, edits }] : [],
          });
          continue;
        }
      }
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
