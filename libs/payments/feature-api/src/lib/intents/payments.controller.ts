import { Body, Controller, Get, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { type PaymentIntent, createPaymentBodySchema, paymentIdParamsSchema, paymentIntentSchema } from '@nss/contracts';
import { type Actor, CurrentActor, Idempotent, Roles, createZodDto } from '@nss/server-core';
import { PaymentIntentsService } from './payment-intents.service';

class CreatePaymentDto extends createZodDto(createPaymentBodySchema) {}
class PaymentIntentDto extends createZodDto(paymentIntentSchema) {}
class PaymentIdParamsDto extends createZodDto(paymentIdParamsSchema) {}

/** PaymentIntents: the buyer starts paying a checkout; buyer, staff and admins read one. */
@ApiTags('payments')
@ApiBearerAuth()
@Controller('payments')
export class PaymentsController {
  constructor(private readonly intents: PaymentIntentsService) {}

  @Post()
  @Roles('buyer')
  @Idempotent('payment')
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '1–255 visible ASCII characters; a retry with the same key and body gets the first answer' })
  @ApiCreatedResponse({ type: PaymentIntentDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreatePaymentDto, @Req() req: FastifyRequest): Promise<PaymentIntent> {
    return this.intents.create(actor, body, req.ip);
  }

  @Get(':id')
  @Roles('buyer', 'province_staff', 'admin')
  @ApiOkResponse({ type: PaymentIntentDto })
  get(@CurrentActor() actor: Actor, @Param() params: PaymentIdParamsDto): Promise<PaymentIntent> {
    return this.intents.get(actor, params.id);
  }
}
