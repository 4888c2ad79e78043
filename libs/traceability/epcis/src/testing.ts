/**
 * Test support (import `@nss/trace-epcis/testing`; needs the dev dependencies ajv, ajv-formats and jsonld): checks an
 * EPCIS document against GS1's EPCIS 2.0 JSON Schema and expands it as JSON-LD against GS1's context, both vendored
 * in `lib/gs1/` (see its SOURCE.txt and LICENSE), offline.
 */
export { validateEpcisSchema, expandEpcis, EPCIS_GS1_DIR } from './lib/gs1-validation';
