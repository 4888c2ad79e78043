import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { phoneVerificationBodySchema, registerBodySchema, registerResultSchema, type RegisterResult } from '@nss/contracts';
import { createZodDto, Public, RateLimit } from '@nss/server-core';
import { BuyerRegistrationService } from './buyer-registration.service';
import { PhoneProofService } from './phone-proof.service';

class PhoneVerificationDto extends createZodDto(phoneVerificationBodySchema) {}
class RegisterDto extends createZodDto(registerBodySchema) {}
class RegisterResultDto extends createZodDto(registerResultSchema) {}

/** Public registration in two steps; step one also serves the seller's self-registration. */
@ApiTags('auth')
@Controller('auth')
export class RegistrationController {
  constructor(
    private readonly proof: PhoneProofService,
    private readonly buyers: BuyerRegistrationService,
  ) {}

  @Post('phone-verification')
  @Public()
  @RateLimit('auth')
  @HttpCode(202)
  @ApiAcceptedResponse({
    description:
      'Luôn 202, không có nội dung: mã xác nhận được gửi tới số điện thoại, dù số đã có tài khoản hay chưa / always 202, empty body: a code is sent to the phone whether or not it has an account',
  })
  async startPhoneVerification(@Body() body: PhoneVerificationDto, @Ip() client: string): Promise<void> {
    await this.proof.start(body.phone, client);
  }

  @Post('register')
  @Public()
  @RateLimit('auth')
  @ApiCreatedResponse({ type: RegisterResultDto })
  register(@Body() body: RegisterDto): Promise<RegisterResult> {
    return this.buyers.register(body);
  }
}
