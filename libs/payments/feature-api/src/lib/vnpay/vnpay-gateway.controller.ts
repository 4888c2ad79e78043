import { Controller, Get, Header, HttpCode, Query, Redirect } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { VnpayQuery } from '@nss/vnpay';
import { Public } from '@nss/server-core';
import type { IpnAnswer } from './ipn-decision';
import { VnpayMerchant } from './vnpay-merchant';

/**
 * Called by VNPay (IPN, server to server) and by the buyer's browser coming back from VNPay (return). Public: the
 * signature is the authentication. The answers follow VNPay's protocol, not this API's error shape.
 */
@ApiExcludeController()
@Public()
@Controller('payments/vnpay')
export class VnpayGatewayController {
  constructor(private readonly merchant: VnpayMerchant) {}

  /** Always 200 with `{"RspCode","Message"}` (VNPay reads the code, not the HTTP status). */
  @Get('ipn')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  ipn(@Query() query: VnpayQuery): Promise<IpnAnswer> {
    return this.merchant.ipn(query);
  }

  /** Verifies and sends the browser to the web app's result page; the IPN alone records the payment. */
  @Get('return')
  @Redirect(undefined, 302)
  @Header('Cache-Control', 'no-store')
  async back(@Query() query: VnpayQuery): Promise<{ url: string }> {
    return { url: await this.merchant.returnTarget(query) };
  }
}
