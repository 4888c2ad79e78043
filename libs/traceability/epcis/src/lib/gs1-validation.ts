import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import jsonld from 'jsonld';
import { EPCIS_CONTEXT_URL } from './lot-epcis';

export const EPCIS_GS1_DIR = path.join(__dirname, 'gs1');

let validator: ((doc: unknown) => boolean) & { errors?: ErrorObject[] | null } | null = null;

/** GS1's EPCIS 2.0 JSON Schema (draft 7, with formats): the list of errors, empty when the document conforms. */
export function validateEpcisSchema(doc: unknown): string[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(fs.readFileSync(path.join(EPCIS_GS1_DIR, 'EPCIS-JSON-Schema.json'), 'utf8')));
  }
  if (validator(doc)) return [];
  return (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

const CONTEXTS: Record<string, string> = {
  [EPCIS_CONTEXT_URL]: 'epcis-context.jsonld',
  'https://ref.gs1.org/standards/epcis/epcis-context.jsonld': 'epcis-context.jsonld',
};

/** A JSON-LD document loader that serves GS1's context from the repository and refuses anything else (no network). */
async function localLoader(url: string): Promise<{ contextUrl: undefined; documentUrl: string; document: unknown }> {
  const file = CONTEXTS[url];
  if (!file) throw new Error(`document loader: ${url} is not a local context`);
  return { contextUrl: undefined, documentUrl: url, document: JSON.parse(fs.readFileSync(path.join(EPCIS_GS1_DIR, file), 'utf8')) };
}

/**
 * Expands the document as JSON-LD in safe mode: a term the contexts do not define, or a value they cannot map, is an
 * error instead of being dropped silently.
 */
export async function expandEpcis(doc: object): Promise<unknown[]> {
  return jsonld.expand(doc as jsonld.JsonLdDocument, { documentLoader: localLoader as never, safe: true } as jsonld.Options.Expand);
}
