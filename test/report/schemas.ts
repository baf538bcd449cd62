// JSON schemas of the report formats CI tools read, shared by the tests of docs/ci.md's recipes and of action.yml.

/**
 * The Reviewdog Diagnostic Format's `DiagnosticResult` (rdjson), as a JSON schema written
 * from reviewdog's proto/rdf/reviewdog.proto. reviewdog reads it with protojson, which
 * rejects unknown fields (hence `additionalProperties: false`) and takes enum values by
 * name or number and field names in lowerCamelCase or as declared. Lines and columns are
 * int32, 1-based (columns in UTF-8 bytes). What reviewdog needs to place a comment is
 * required: a message, a path, a range's start; a suggestion needs its range and text.
 */
const int32 = { type: 'integer', minimum: 1, maximum: 2147483647 };
const position = { type: 'object', additionalProperties: false, properties: { line: int32, column: int32 }, required: ['line'] };
const range = { type: 'object', additionalProperties: false, properties: { start: position, end: position }, required: ['start'] };
const severity = { enum: ['UNKNOWN_SEVERITY', 'ERROR', 'WARNING', 'INFO', 0, 1, 2, 3] };
const source = { type: 'object', additionalProperties: false, properties: { name: { type: 'string', minLength: 1 }, url: { type: 'string' } }, required: ['name'] };
const code = { type: 'object', additionalProperties: false, properties: { value: { type: 'string', minLength: 1 }, url: { type: 'string' } }, required: ['value'] };
const suggestion = { type: 'object', additionalProperties: false, properties: { range, text: { type: 'string' } }, required: ['range', 'text'] };
const image = { type: 'object', additionalProperties: false, properties: { image_url: { type: 'string' }, imageUrl: { type: 'string' }, alt: { type: 'string' }, caption: { type: 'string' } } };
export const RDJSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['diagnostics'],
  properties: {
    diagnostics: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['message', 'location'],
        properties: {
          message: { type: 'string', minLength: 1 },
          location: { type: 'object', additionalProperties: false, properties: { path: { type: 'string', minLength: 1 }, range }, required: ['path'] },
          severity,
          source,
          code,
          suggestions: { type: 'array', items: suggestion },
          original_output: { type: 'string' },
          originalOutput: { type: 'string' },
          images: { type: 'array', items: image },
        },
      },
    },
    source,
    severity,
  },
};


/** A validator of SARIF 2.1.0 (the OASIS schema shipped in @microsoft/jest-sarif), with ajv-draft-04 as CONVENTIONS.md says. */
export function sarifValidator(require: NodeRequire, readSchema: (file: string) => string): { validate(log: unknown): boolean; errors(): string } {
  const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
  const schema = JSON.parse(readSchema(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json')));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/'));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  const validate = ajv.compile(schema);
  return { validate: (log) => validate(log) as boolean, errors: () => ajv.errorsText(validate.errors) };
}
