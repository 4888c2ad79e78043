import { Injectable } from '@nestjs/common';
import { AppError } from '@nss/server-core';
import { OneTimeCodeService } from '../codes/one-time-code.service';

/**
 * Proof that the caller holds a phone, the first step of every public registration (buyer or seller). Step one
 * does the same work for every phone, taken or free: it looks nothing up and sends one `phone_verification` code.
 * Only once the code comes back does anyone learn whether the phone already has an account, and then it is its
 * owner who learns it.
 */
@Injectable()
export class PhoneProofService {
  constructor(private readonly codes: OneTimeCodeService) {}

  /**
   * Sends a code to the phone (national form). The subject of the code is the phone itself. `client` (the caller's
   * address) counts against the per-client cap on sent codes.
   */
  async start(phone: string, client: string): Promise<void> {
    await this.codes.issue({ phone, purpose: 'phone_verification', subjectId: phone, client });
  }

  /** Spends the code; 400 INVALID_CODE unless it is the live code sent to this phone. */
  async prove(phone: string, code: string): Promise<void> {
    const subject = await this.codes.consume({ phone, purpose: 'phone_verification', code });
    if (subject !== phone) {
      throw AppError.badRequest('INVALID_CODE', 'Mã xác nhận không đúng hoặc đã hết hạn', 'The code is wrong or has expired');
    }
  }
}
