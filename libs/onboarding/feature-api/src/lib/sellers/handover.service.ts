import { Injectable } from '@nestjs/common';
import { OneTimeCodeService, SessionService, UsersService } from '@nss/accounts-api';
import type { AuthTokens, HandoverClaimBody } from '@nss/contracts';
import { AppError, type Actor } from '@nss/server-core';
import { SellerAccess } from './seller-access';
import { SellerTransitions } from './seller-transitions';
import { SellersRepository } from './sellers.repository';

function invalidCode(): AppError {
  return AppError.badRequest('INVALID_CODE', 'Mã xác nhận không đúng hoặc đã hết hạn', 'The code is wrong or has expired');
}

function alreadyHandedOver(): AppError {
  return AppError.conflict('ALREADY_HANDED_OVER', 'Tài khoản đã được bàn giao', 'The account was already handed over');
}

/**
 * Handing an agent-created account to its household: the agent asks for a one-time code to be sent to the
 * household's phone; whoever holds the phone claims the account with the code and a new password. From then on
 * the agent has no access (managedByAgentId is cleared).
 */
@Injectable()
export class HandoverService {
  constructor(
    private readonly sellers: SellersRepository,
    private readonly codes: OneTimeCodeService,
    private readonly users: UsersService,
    private readonly sessions: SessionService,
    private readonly transitions: SellerTransitions,
  ) {}

  /**
   * Code sends are capped per phone, globally and per client; the client of a signed-in agent is the agent (a commune
   * office's agents share one address).
   */
  async start(actor: Actor, sellerId: string): Promise<void> {
    const seller = await this.sellers.get(SellerAccess.forActor(actor), sellerId);
    if (!seller) throw AppError.notFound('người bán', 'Seller');
    if (!seller.userId) throw AppError.conflict('NO_ACCOUNT', 'Người bán chưa có tài khoản', 'The seller has no account yet');
    await this.codes.issue({ phone: seller.phone, purpose: 'handover', subjectId: seller.id as string, client: `agent:${actor.userId}` });
  }

  async claim(body: HandoverClaimBody, now = new Date()): Promise<AuthTokens> {
    const sellerId = await this.codes.consume({ phone: body.phone, purpose: 'handover', code: body.code });
    const access = SellerAccess.platform('handover claim proved by a one-time code');
    const seller = await this.sellers.get(access, sellerId);
    if (!seller || seller.phone !== body.phone || !seller.userId) throw invalidCode();
    if (!seller.managedByAgentId) throw alreadyHandedOver();
    // Password first, then the move: if the move fails, the agent still manages the account and can start a new
    // handover (the household's password is set again then). The other order could leave an account that nobody
    // manages and nobody can sign in to.
    await this.users.setPassword(seller.userId, body.newPassword);
    // Once only, even if two claims race: the agent's access ends here.
    const handed = await this.transitions.apply(
      access,
      seller,
      { kind: 'handover', actorUserId: seller.userId, at: now },
      { $set: { managedByAgentId: null, handedOverAt: now } },
    );
    if (!handed) throw alreadyHandedOver();
    await this.users.revokeAllSessions(seller.userId);
    return this.sessions.startForUser(seller.userId, now);
  }
}
