import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@nss/server-core';
import { BankFeedService } from './bank-feed.service';

/** Called by the bank feed (SePay style) for each transaction on the account. Public: the API key authenticates. */
@ApiExcludeController()
@Public()
@Controller('payments/bank-feed')
export class BankFeedController {
  constructor(private readonly feed: BankFeedService) {}

  /** `{"success": true}` once the transaction is recorded (a retry of a known one too); 401 with a wrong key. */
  @Post('webhook')
  @HttpCode(200)
  webhook(@Headers('authorization') authorization: string | undefined, @Body() body: unknown): Promise<{ success: true }> {
    return this.feed.receive(authorization, body);
  }
}
