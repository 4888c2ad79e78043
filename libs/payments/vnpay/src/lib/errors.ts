/** What kind of failure a {@link VnpayError} is (the Stripe split). */
export type VnpayErrorType = 'invalid_request_error' | 'api_error' | 'signature_verification_error' | 'connection_error';

export interface VnpayErrorInit {
  code: string;
  message: string;
  param?: string;
  /** The gateway's `vnp_ResponseCode`, when the gateway answered. */
  responseCode?: string;
  /** The gateway's raw answer (parsed JSON), when there is one. */
  raw?: unknown;
  cause?: unknown;
}

/**
 * Every error the SDK throws. `type` says who is at fault, `code` is a stable machine-readable reason, `param` names
 * the offending input field (or gateway parameter) when there is one.
 */
export class VnpayError extends Error {
  readonly type: VnpayErrorType;
  readonly code: string;
  readonly param?: string;
  readonly responseCode?: string;
  readonly raw?: unknown;

  constructor(type: VnpayErrorType, init: VnpayErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.type = type;
    this.code = init.code;
    if (init.param !== undefined) this.param = init.param;
    if (init.responseCode !== undefined) this.responseCode = init.responseCode;
    if (init.raw !== undefined) this.raw = init.raw;
  }
}

/** The caller passed something the gateway would refuse (or that cannot be right); `param` names it. */
export class VnpayInvalidRequestError extends VnpayError {
  constructor(init: VnpayErrorInit) {
    super('invalid_request_error', init);
  }
}

/** The gateway answered with a refusal or an answer that makes no sense; `responseCode` is its code. */
export class VnpayApiError extends VnpayError {
  constructor(init: VnpayErrorInit) {
    super('api_error', init);
  }
}

/** A signature is missing or wrong (a forged, altered or unsigned message). Never trust the data. */
export class VnpaySignatureError extends VnpayError {
  constructor(init: VnpayErrorInit) {
    super('signature_verification_error', init);
  }
}

/** The gateway could not be reached, or did not answer within `timeoutMs`. The outcome is unknown: query again. */
export class VnpayConnectionError extends VnpayError {
  constructor(init: VnpayErrorInit) {
    super('connection_error', init);
  }
}
