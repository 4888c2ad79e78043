import { Injectable } from '@nestjs/common';
import type { RegisterBody, RegisterResult } from '@nss/contracts';
import { SessionService } from '../sessions/session.service';
import { UsersService } from '../users/users.service';
import { AccountRecoveryService } from './account-recovery.service';
import { PhoneProofService } from './phone-proof.service';

/**
 * A buyer's registration, step two: the code proves the phone, then a buyer account is created and signed in, or
 * the phone's existing account is recovered (see AccountRecoveryService). Until the code is right, a taken phone
 * and a free one get the same answers.
 */
@Injectable()
export class BuyerRegistrationService {
  constructor(
    private readonly proof: PhoneProofService,
    private readonly recovery: AccountRecoveryService,
    private readonly users: UsersService,
    private readonly sessions: SessionService,
  ) {}

  async register(body: RegisterBody, now = new Date()): Promise<RegisterResult> {
    await this.proof.prove(body.phone, body.code);
    const recovered = await this.recovery.recover(body.phone, body.password, now);
    if (recovered) return { ...recovered.tokens, recovered: true };
    const created = await this.users.createUser({ phone: body.phone, password: body.password, fullName: body.fullName, role: 'buyer' });
    return { ...(await this.sessions.startForUser(created.id, now)), recovered: false };
  }
}
