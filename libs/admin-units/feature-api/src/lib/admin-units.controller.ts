import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { communeSchema, conversionSchema, convertQuerySchema, provinceCodeParamsSchema, provinceSchema } from '@nss/contracts';
import type { CommuneDto, ConversionDto, ProvinceDto } from '@nss/contracts';
import { createZodDto, Public } from '@nss/server-core';
import { AdminUnitsService } from './admin-units.service';

class ProvinceCodeParamsDto extends createZodDto(provinceCodeParamsSchema) {}
class ConvertQueryDto extends createZodDto(convertQuerySchema) {}
class ProvinceResponseDto extends createZodDto(provinceSchema) {}
class CommuneResponseDto extends createZodDto(communeSchema) {}
class ConversionResponseDto extends createZodDto(conversionSchema) {}

/** The data only changes with a new vendored release, so clients and proxies may keep it for a day. */
const STATIC_CACHE = 'public, max-age=86400, stale-while-revalidate=604800';

@ApiTags('admin-units')
@Public()
@Controller('admin-units')
export class AdminUnitsController {
  constructor(private readonly units: AdminUnitsService) {}

  @Get('provinces')
  @ApiOkResponse({ type: ProvinceResponseDto, isArray: true })
  @Header('Cache-Control', STATIC_CACHE)
  provinces(): ProvinceDto[] {
    return this.units.provinces();
  }

  @Get('provinces/:code/communes')
  @ApiOkResponse({ type: CommuneResponseDto, isArray: true })
  @Header('Cache-Control', STATIC_CACHE)
  communes(@Param() params: ProvinceCodeParamsDto): CommuneDto[] {
    return this.units.communes(params.code);
  }

  @Get('convert')
  @ApiOkResponse({ type: ConversionResponseDto })
  @Header('Cache-Control', STATIC_CACHE)
  convert(@Query() query: ConvertQueryDto): ConversionDto {
    return this.units.convert(query);
  }
}
