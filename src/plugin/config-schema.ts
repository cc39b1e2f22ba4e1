import { z, type ZodType } from 'zod';

/**
 * Configuration a commission can read as a form. Every configuration field carries zod 4 metadata
 * saying where its value comes from and what to call it in Chinese:
 *
 * ```ts
 * memberCap: z.number().int().default(15).meta({ source: 'local default', labelZh: '代表团人数上限' })
 * ```
 *
 * `source` quotes the clause of the scheme's document the default implements (`seed 003 二(一): …`)
 * or says `local default` where the document gives no value. Put `.meta()` last (after `.default()`,
 * `.nullish()`), so that it lands on the field itself in the JSON Schema.
 */
export interface ConfigMeta {
  source: string;
  labelZh: string;
  /** The English label, where the field's key in words (`memberCap` → "Member cap") does not say it. */
  labelEn?: string;
}

/** A JSON Schema node as `z.toJSONSchema` writes it, with the fields' `source` and `labelZh`. */
export type JsonSchemaNode = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, JsonSchemaNode>;
  additionalProperties?: JsonSchemaNode | boolean;
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
  source?: string;
  labelZh?: string;
  labelEn?: string;
  description?: string;
  default?: unknown;
};

/** One field of a configuration as a form shows it: where it is, what it is called, where its value comes from. */
export interface ConfigField {
  /** Dotted path; `*` stands for any key of a map, `[]` for the items of a list. */
  path: string;
  labelZh: string | null;
  /** The `labelEn` meta, else the key in words; null for the items of a list or map (`[]`, `*`) without one. */
  labelEn: string | null;
  source: string | null;
  description: string | null;
  /** The JSON Schema type (`integer`, `string`, `array`…), or null where the schema gives none. */
  type: string | null;
  /** The value `{}` gives (the plugin's default), when the schema states one at this field. */
  default: unknown;
  /** The value in force (only for fields outside maps and lists). */
  value: unknown;
}

/**
 * A configuration's zod schema as JSON Schema (draft 2020-12) of what a tenant may write (the
 * input side: defaults may be left out), every field's `source` and `labelZh` included.
 */
export function configJsonSchema(schema: ZodType): JsonSchemaNode {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The object branch of a node (a nullable object is `anyOf: [object, null]`), if it has one. */
function objectOf(node: JsonSchemaNode): JsonSchemaNode | null {
  if (node.properties || isObject(node.additionalProperties)) return node;
  for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) {
    const found = objectOf(branch);
    if (found) return found;
  }
  return null;
}

/** The item schema of a list node (or of a nullable list's branch). */
function itemsOf(node: JsonSchemaNode): JsonSchemaNode | null {
  if (isObject(node.items)) return node.items as JsonSchemaNode;
  for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) {
    const found = itemsOf(branch);
    if (found) return found;
  }
  return null;
}

function typeOf(node: JsonSchemaNode): string | null {
  if (typeof node.type === 'string') return node.type;
  if (Array.isArray(node.type)) return node.type.filter((t) => t !== 'null')[0] ?? null;
  if (Array.isArray(node.enum)) return 'string';
  for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) {
    const t = typeOf(branch);
    if (t && t !== 'null') return t;
  }
  return null;
}

/** The last key of a path in words (`reminders.offsetDays` → "Offset days"); null when it is `*` or `[]`. */
function keyInWords(path: string): string | null {
  const key = /([A-Za-z][A-Za-z0-9_]*)$/.exec(path)?.[1];
  if (!key) return null;
  const words = key.replace(/_/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Every field of a configuration, in schema order: each leaf (a value a form edits: number,
 * text, choice, yes/no, list) with its label, source, default and the value in force. Groups
 * (nested objects) are not fields; their members are. Members of maps (`*`) and of list items
 * (`[]`) are listed once each, by schema, without a value.
 */
export function configFields(json: JsonSchemaNode, values: unknown): ConfigField[] {
  const out: ConfigField[] = [];
  const visit = (node: JsonSchemaNode, path: string, value: unknown, inValues: boolean) => {
    const obj = objectOf(node);
    if (obj) {
      for (const [key, child] of Object.entries(obj.properties ?? {})) visit(child, path ? `${path}.${key}` : key, isObject(value) ? value[key] : undefined, inValues);
      if (isObject(obj.additionalProperties)) visit(obj.additionalProperties as JsonSchemaNode, path ? `${path}.*` : '*', undefined, false);
      return;
    }
    out.push({
      path,
      labelZh: typeof node.labelZh === 'string' ? node.labelZh : null,
      labelEn: typeof node.labelEn === 'string' ? node.labelEn : keyInWords(path),
      source: typeof node.source === 'string' ? node.source : null,
      description: typeof node.description === 'string' ? node.description : null,
      type: typeOf(node),
      default: node.default,
      value: inValues ? value : undefined,
    });
    const items = itemsOf(node);
    if (items && objectOf(items)) visit(items, `${path}[]`, undefined, false);
  };
  visit(json, '', values, true);
  return out;
}

/**
 * The fields of a configuration schema that do not say where their value comes from or what
 * they are called in Chinese: `path: missing source, labelZh`. Empty when every field does.
 */
export function missingConfigMeta(schema: ZodType): string[] {
  return configFields(configJsonSchema(schema), undefined)
    .filter((f) => !f.source?.trim() || !f.labelZh?.trim())
    .map((f) => `${f.path || '(root)'}: missing ${[!f.source?.trim() && 'source', !f.labelZh?.trim() && 'labelZh'].filter(Boolean).join(', ')}`);
}
