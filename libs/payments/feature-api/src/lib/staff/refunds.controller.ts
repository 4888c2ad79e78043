import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type Refund, createRefundBodySchema, refundSchema } from '@nss/contracts';
import { type Actor, CurrentActor, Roles, createZodDto } from '@nss/server-core';
import { RefundsService } from '../refunds/refunds.service';

class CreateRefundDto extends createZodDto(createRefundBodySchema) {}
class RefundDto extends createZodDto(refundSchema) {}

/** Refunds of orders whose refund was requested: staff of the order's province, admins. */
@ApiTags('payments')
@ApiBearerAuth()
@Roles('province_staff', 'admin')
@Controller('payments/refunds')
export class RefundsController {
  constructor(private readonly refunds: RefundsService) {}

  /** 201 with the refund made; 200 with the same refund when the order was refunded before (a retry). */
  @Post()
  @ApiCreatedResponse({ type: RefundDto })
  @ApiOkResponse({ type: RefundDto })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateRefundDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<Refund> {
    const { refund, created } = await this.refunds.create(actor, body);
    reply.status(created ? 201 : 200);
    return refund;
  }
}
