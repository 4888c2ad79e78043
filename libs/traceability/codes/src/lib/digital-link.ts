// digital-link.js (GS1 Digital Link SDK, MIT) ships no types: the parts this library uses are typed here.
export interface DigitalLinkInput {
  domain: string;
  identifier: Record<string, string>;
  keyQualifiers?: Record<string, string>;
  attributes?: Record<string, string>;
  sortKeyQualifiers?: boolean;
}
export interface DigitalLinkObject {
  getDomain(): string;
  getIdentifier(): Record<string, string>;
  getKeyQualifiers(): Record<string, string>;
  getAttributes(): Record<string, string>;
  toWebUriString(): string;
  isValid(): boolean;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- an untyped CommonJS package, typed just above
const sdk = require('digital-link.js') as { DigitalLink: (input: DigitalLinkInput | string) => DigitalLinkObject };

export const DigitalLink = sdk.DigitalLink;
