import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  registrationCaseDetailSchema,
  registrationCaseIdParamsSchema,
  registrationCaseListQuerySchema,
  registrationCasePageSchema,
  resolveRegistrationCaseBodySchema,
  type Page,
  type RegistrationCaseDetail,
  type RegistrationCaseSummary,
} from '@nss/contracts';
import { createZodDto, CurrentActor, Roles, type Actor } from '@nss/server-core';
import { RegistrationCasesService } from './registration-cases.service';

class RegistrationCaseListQueryDto extends createZodDto(registrationCaseListQuerySchema) {}
class RegistrationCaseIdParamsDto extends createZodDto(registrationCaseIdParamsSchema) {}
class ResolveRegistrationCaseDto extends createZodDto(resolveRegistrationCaseBodySchema) {}
class RegistrationCasePageDto extends createZodDto(registrationCasePageSchema) {}
class RegistrationCaseDetailDto extends createZodDto(registrationCaseDetailSchema) {}

/** The staff queue of registrations flagged as duplicates (citizen ID or phone already registered). */
@ApiTags('registration-cases')
@ApiBearerAuth()
@Roles('province_staff', 'admin')
@Controller('registration-cases')
export class RegistrationCasesController {
  constructor(private readonly cases: RegistrationCasesService) {}

  @Get()
  @ApiOkResponse({ type: RegistrationCasePageDto })
  list(@CurrentActor() actor: Actor, @Query() query: RegistrationCaseListQueryDto): Promise<Page<RegistrationCaseSummary>> {
    return this.cases.list(actor, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: RegistrationCaseDetailDto })
  get(@CurrentActor() actor: Actor, @Param() params: RegistrationCaseIdParamsDto): Promise<RegistrationCaseDetail> {
    return this.cases.get(actor, params.id);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOkResponse({ type: RegistrationCaseDetailDto })
  resolve(
    @CurrentActor() actor: Actor,
    @Param() params: RegistrationCaseIdParamsDto,
    @Body() body: ResolveRegistrationCaseDto,
  ): Promise<RegistrationCaseDetail> {
    return this.cases.resolve(actor, params.id, body.reason);
  }
}
