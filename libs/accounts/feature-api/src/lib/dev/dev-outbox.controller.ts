import { Controller, Get, Inject, NotFoundException, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { OutboxMessage } from '@nss/contracts';
import { APP_CONFIG, AppConfig, Public } from '@nss/server-core';
import { DevOutboxQueryDto } from '../auth/auth.dto';
import { OutboxOtpSender } from '../codes/outbox-otp-sender';

/**
 * What would have been sent by SMS, for development and tests. When DEV_OUTBOX_ENABLED is off the route answers
 * exactly like a route that does not exist.
 */
@ApiExcludeController()
@Controller('dev')
export class DevOutboxController {
  constructor(
    private readonly outbox: OutboxOtpSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('outbox')
  @Public()
  list(@Query() query: DevOutboxQueryDto): Promise<OutboxMessage[]> {
    if (!this.config.devOutboxEnabled) throw new NotFoundException();
    return this.outbox.list(query);
  }
}
